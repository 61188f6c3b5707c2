import FarmModel
import Testing

@testable import Torture

/// The checker itself: legitimate crash recovery passes, each kind of violation is caught by its check.
struct TortureCheckerTests {
    private let workerRows: [Int: Int64] = [1: 11, 2: 12]

    private func stored(_ tasks: [String: (TaskStatus, Int64?)]) -> TortureVerifier.StoredState {
        var state = TortureVerifier.StoredState()
        state.tasks = tasks.mapValues { (status: $0.0, workerRowID: $0.1) }
        state.jobStatuses = ["job": tasks.values.allSatisfy { $0.0 == .completed } ? .completed : .active]
        state.workerRowIDs = workerRows
        return state
    }

    private func failing(_ checks: [TortureCheck]) -> [String] {
        checks.filter { !$0.passed }.map { String($0.name.prefix(3)) }
    }

    @Test func reofferToTheSameWorkerAndRetriedCompletionPass() {
        let ledger = EventLedger()
        ledger.recordAssignment(task: "t1", worker: 1)
        ledger.recordAssignment(task: "t1", worker: 1)  // §7.4: its own active task again, after a restart
        ledger.recordCompletion(task: "t1", worker: 1)
        ledger.recordAssignment(task: "t2", worker: 2)
        ledger.recordCompletion(task: "t2", worker: 2)
        let checks = TortureVerifier.checks(
            ledger.snapshot, stored(["t1": (.completed, 11), "t2": (.completed, 12)]), totalTasks: 2, jobCount: 1,
            databaseProblems: [])
        #expect(failing(checks).isEmpty)
    }

    @Test func taskHandedToTwoWorkersFailsCheckA() {
        let ledger = EventLedger()
        ledger.recordAssignment(task: "t1", worker: 1)
        ledger.recordAssignment(task: "t1", worker: 2)
        ledger.recordCompletion(task: "t1", worker: 2)
        let checks = TortureVerifier.checks(
            ledger.snapshot, stored(["t1": (.completed, 12)]), totalTasks: 1, jobCount: 1, databaseProblems: [])
        #expect(failing(checks) == ["(a)"])
    }

    @Test func taskHandedOutAgainAfterItsCompletionFailsCheckA() {
        let ledger = EventLedger()
        ledger.recordAssignment(task: "t1", worker: 1)
        ledger.recordCompletion(task: "t1", worker: 1)
        ledger.recordAssignment(task: "t1", worker: 1)
        let checks = TortureVerifier.checks(
            ledger.snapshot, stored(["t1": (.completed, 11)]), totalTasks: 1, jobCount: 1, databaseProblems: [])
        #expect(failing(checks) == ["(a)"])
    }

    @Test func acknowledgedCompletionMissingFromTheDatabaseFailsChecksBAndC() {
        let ledger = EventLedger()
        ledger.recordAssignment(task: "t1", worker: 1)
        ledger.recordCompletion(task: "t1", worker: 1)
        let checks = TortureVerifier.checks(
            ledger.snapshot, stored(["t1": (.active, 11)]), totalTasks: 1, jobCount: 1, databaseProblems: [])
        #expect(failing(checks) == ["(b)", "(c)"])
    }

    @Test func taskCompletedTwiceOrNeverFailsCheckC() {
        let ledger = EventLedger()
        ledger.recordAssignment(task: "t1", worker: 1)
        ledger.recordCompletion(task: "t1", worker: 1)
        ledger.recordCompletion(task: "t1", worker: 1)
        let checks = TortureVerifier.checks(
            ledger.snapshot, stored(["t1": (.completed, 11), "t2": (.completed, 12)]), totalTasks: 2, jobCount: 1,
            databaseProblems: [])
        #expect(failing(checks) == ["(c)"])
    }

    @Test func integrityProblemsAndUnexpectedAnswersFailChecksDAndE() {
        let ledger = EventLedger()
        ledger.recordUnexpected("worker 1: task request answered 500")
        let checks = TortureVerifier.checks(
            ledger.snapshot, stored([:]), totalTasks: 0, jobCount: 1, databaseProblems: ["row 3 missing from index"])
        #expect(failing(checks) == ["(d)", "(e)"])
    }
}
