import Foundation
import Testing
import Torture

/// Issue 3's crash test: the real `tablao` binary, SIGKILLed mid-workload, never double-assigns, loses or
/// double-completes a task, and leaves a sound database.
@Suite(.serialized)
struct TortureTests {
    @Test(.timeLimit(.minutes(5)))
    func killedManagerNeverDoubleAssignsLosesOrDoubleCompletesTasks() async throws {
        let tablao = try #require(
            TortureConfiguration.tablaoNextToExecutable(),
            """
            no tablao executable next to the test bundle: build it first (swift build --product tablao) \
            or set TABLAO_BINARY
            """)
        var configuration = TortureConfiguration(tablaoPath: tablao)
        configuration.workers = 32
        configuration.tasks = 2_000
        configuration.kills = 3
        configuration.timeout = .seconds(120)
        configuration.progress = { line in print("torture: \(line)") }
        let report = try await TortureRun.run(configuration)
        print(report.summary)
        print(report.finalLine)
        #expect(report.kills == 3, "the workload ended before every kill")
        #expect(!report.timedOut, "the workload did not finish within the time-out")
        for check in report.checks {
            #expect(check.passed, "\(check.name): \(check.violations) violation(s): \(check.details)")
        }
        #expect(report.violations == 0)
        if report.passed { try? FileManager.default.removeItem(atPath: report.workDirectory) }
    }

    /// The storage folder becomes full (then, in a second run, read-only) mid-run, with one SIGKILL on top: tasks
    /// keep being assigned and completed, and the lost log writes are counted (issue 12 item 4).
    @Test(.timeLimit(.minutes(5)), arguments: StorageFault.allCases)
    func tasksKeepBeingAssignedAndCompletedWhenTheStorageFolderFails(_ fault: StorageFault) async throws {
        let tablao = try #require(TortureConfiguration.tablaoNextToExecutable(), "no tablao executable: build it first")
        var configuration = TortureConfiguration(tablaoPath: tablao)
        configuration.workers = 8
        configuration.tasks = 400
        configuration.kills = 1
        configuration.timeout = .seconds(120)
        configuration.storageFault = fault
        configuration.progress = { line in print("torture (\(fault.rawValue)): \(line)") }
        let report = try await TortureRun.run(configuration)
        print(report.summary)
        #expect(!report.timedOut, "the workload did not finish within the time-out")
        for check in report.checks {
            #expect(check.passed, "\(check.name): \(check.violations) violation(s): \(check.details)")
        }
        if report.passed { try? FileManager.default.removeItem(atPath: report.workDirectory) }
    }
}
