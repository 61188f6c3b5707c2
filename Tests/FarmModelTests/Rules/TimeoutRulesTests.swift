import FarmModel
import Foundation
import Testing

@Suite("Timeout selection (protocol.md §9, §13 rows 22–23)")
struct TimeoutRulesTests {
    static let now = Date(timeIntervalSince1970: 1_715_000_000)
    static let tenMinutes = Duration.seconds(600)

    @Test("The cutoff is now minus the timeout; zero or less disables the check")
    func cutoff() {
        #expect(TimeoutRules.cutoff(now: Self.now, timeout: Self.tenMinutes) == Self.now.addingTimeInterval(-600))
        #expect(TimeoutRules.cutoff(now: Self.now, timeout: .milliseconds(1500)) == Self.now.addingTimeInterval(-1.5))
        #expect(TimeoutRules.cutoff(now: Self.now, timeout: .zero) == nil)
        #expect(TimeoutRules.cutoff(now: Self.now, timeout: .seconds(-5)) == nil)
    }

    @Test(
        "An active task times out once untouched for the timeout",
        arguments: [(-600.0, true), (-601, true), (-599, false), (0, false)]
    )
    func activeTaskTimeout(offset: Double, timedOut: Bool) {
        let touched = Self.now.addingTimeInterval(offset)
        #expect(
            TimeoutRules.isTaskTimedOut(status: .active, lastTouched: touched, now: Self.now, timeout: Self.tenMinutes)
                == timedOut)
    }

    @Test("Only active tasks time out", arguments: TaskStatus.allCases.filter { $0 != .active })
    func inactiveTasksNeverTimeOut(_ status: TaskStatus) {
        let old = Self.now.addingTimeInterval(-86_400)
        #expect(!TimeoutRules.isTaskTimedOut(status: status, lastTouched: old, now: Self.now, timeout: Self.tenMinutes))
    }

    @Test("A task without last-touched time or with the timeout disabled never times out")
    func taskTimeoutNeedsTimeAndTimeout() {
        let old = Self.now.addingTimeInterval(-86_400)
        #expect(
            !TimeoutRules.isTaskTimedOut(status: .active, lastTouched: nil, now: Self.now, timeout: Self.tenMinutes))
        #expect(!TimeoutRules.isTaskTimedOut(status: .active, lastTouched: old, now: Self.now, timeout: .zero))
    }

    @Test("Workers time out unless error or offline", arguments: WorkerStatus.allCases)
    func workerTimeoutByStatus(_ status: WorkerStatus) {
        let seen = Self.now.addingTimeInterval(-60)
        let timedOut = TimeoutRules.isWorkerTimedOut(
            status: status, lastSeen: seen, now: Self.now, timeout: .seconds(60))
        #expect(timedOut == (status != .error && status != .offline))
    }

    @Test("A worker never seen, recently seen, or with the timeout disabled does not time out")
    func workerTimeoutNeedsOldLastSeen() {
        let old = Self.now.addingTimeInterval(-3600)
        let recent = Self.now.addingTimeInterval(-59)
        #expect(!TimeoutRules.isWorkerTimedOut(status: .awake, lastSeen: nil, now: Self.now, timeout: .seconds(60)))
        #expect(!TimeoutRules.isWorkerTimedOut(status: .awake, lastSeen: recent, now: Self.now, timeout: .seconds(60)))
        #expect(!TimeoutRules.isWorkerTimedOut(status: .awake, lastSeen: old, now: Self.now, timeout: .zero))
        // Independent of the task timeout (Flamenco disables both when task_timeout is 0).
        #expect(TimeoutRules.isWorkerTimedOut(status: .awake, lastSeen: old, now: Self.now, timeout: .seconds(60)))
    }

    @Test("Timed-out task texts name the worker and the last-touched time")
    func timedOutTexts() {
        let worker = WorkerID(unchecked: "0e5b2c1a-7d3f-4b8e-9a61-2f4c8d7e9b10")
        let touched = Date(timeIntervalSince1970: 1_714_558_500)  // 2024-05-01 10:15:00 UTC
        #expect(
            TimeoutRules.timedOutTaskActivity(workerName: "render-07")
                == "Task timed out: no news from worker render-07")
        #expect(
            TimeoutRules.timedOutTaskLogLine(workerName: "render-07", workerID: worker, lastTouched: touched)
                == "Task timed out: worker render-07 (0e5b2c1a-7d3f-4b8e-9a61-2f4c8d7e9b10) last touched it at 2024-05-01T10:15:00Z"
        )
    }
}
