import Foundation
import NIOHTTP1
import Synchronization

/// One run's storage fault: when it was injected, what the workers had been told by then, and what the manager
/// counted; judged by ``check(_:)``.
final class StorageFaultRun: Sendable {
    let injector: StorageFaultInjector
    private let state = Mutex(State())

    private struct State {
        var isMounted = false
        var injected: (assignments: Int, completions: Int)?
        var failure: String?
        var failuresCounted: Int?
    }

    init(injector: StorageFaultInjector) { self.injector = injector }

    /// Whether the storage folder is on the run's tmpfs.
    var isMounted: Bool {
        get { state.withLock { $0.isMounted } }
        set { state.withLock { $0.isMounted = newValue } }
    }

    /// `task_log_write_failures` of the manager's farm status at the end of the workload.
    var failuresCounted: Int? {
        get { state.withLock { $0.failuresCounted } }
        set { state.withLock { $0.failuresCounted = newValue } }
    }

    /// Waits until `completed` tasks are completed, then injects the fault.
    func injectAt(completed: Int, ledger: EventLedger, progress: @Sendable (String) -> Void) async throws {
        while ledger.completedTaskCount < completed { try await Task.sleep(for: .milliseconds(5)) }
        let result = injector.inject()
        let snapshot = ledger.snapshot
        state.withLock {
            if result.done {
                $0.injected = (snapshot.assignmentCount, snapshot.completionCount)
            } else {
                $0.failure = result.reason
            }
        }
        progress(
            result.done
                ? "storage folder made \(injector.fault.rawValue) at \(snapshot.completionCount) completions"
                : "could not make the storage folder \(injector.fault.rawValue): \(result.reason)")
    }

    /// Tasks were assigned and completed after the fault, and the manager counted lost log writes.
    func check(_ ledger: EventLedger.Snapshot) -> TortureCheck {
        let current = state.withLock { $0 }
        var violations: [String] = []
        if let failure = current.failure { violations.append("the fault was not injected: \(failure)") }
        if let injected = current.injected {
            if ledger.assignmentCount <= injected.assignments {
                violations.append("no task was assigned after the storage folder became \(injector.fault.rawValue)")
            }
            if ledger.completionCount <= injected.completions {
                violations.append("no task was completed after the storage folder became \(injector.fault.rawValue)")
            }
            if (current.failuresCounted ?? 0) == 0 {
                violations.append(
                    "the farm status counted no failed task log write (tablao_storage.task_log_write_failures: "
                        + "\(current.failuresCounted.map(String.init) ?? "absent"))")
            }
        } else if current.failure == nil {
            violations.append("the workload ended before the fault was injected")
        }
        return TortureCheck(
            "(f) storage folder \(injector.fault.rawValue) mid-run: tasks still assigned and completed, failures counted",
            violations: violations)
    }

    /// Reads `tablao_storage.task_log_write_failures` from `GET /api/v3/status`; nil if unanswered.
    static func taskLogWriteFailures(client: ManagerClient) async -> Int? {
        guard let answer = try? await client.send(.GET, "/api/v3/status"), answer.status == 200,
            let object = try? JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any],
            let storage = object["tablao_storage"] as? [String: Any]
        else { return nil }
        return (storage["task_log_write_failures"] as? NSNumber)?.intValue
    }
}
