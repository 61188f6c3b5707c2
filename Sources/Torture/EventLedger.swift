import Synchronization

/// Every success the manager answered, in the order the answers arrived, plus the anomalies seen on the way.
///
/// Only complete answers are recorded: a response cut off by a kill counts as a connection error, never as a
/// success, so the checks judge exactly what workers were told.
final class EventLedger: Sendable {
    /// One answered event: which worker, and its position in the global order of answers.
    struct Event: Sendable, Hashable {
        let worker: Int
        let sequence: Int
    }

    /// Which kind of request went unanswered.
    enum RequestKind: String, Sendable, CaseIterable {
        case startUp = "start-up"
        case taskRequest = "task request"
        case mayIRun = "may-i-run"
        case completion = "completion"
    }

    /// What the ledger holds at the end of a run.
    struct Snapshot: Sendable {
        /// 200 answers to `POST /worker/task`, by task ID.
        var assignments: [String: [Event]] = [:]
        /// 204 answers to `taskStatus: completed` updates, by task ID.
        var completions: [String: [Event]] = [:]
        /// Worker UUIDs by worker number, once registered.
        var workerIDs: [Int: String] = [:]
        /// Answers outside the protocol's expected set (5xx, 409, 404, may-i-run refusals, …), first ones kept.
        var unexpected: [String] = []
        var unexpectedCount = 0
        /// Requests that got no answer (connection refused or reset, time-out) and were retried, by kind.
        var connectionErrors: [RequestKind: Int] = [:]
        var mayIRunCalls = 0
        var kills = 0
        fileprivate var sequence = 0
        fileprivate var completedTasks = 0

        /// Assignments answered 200, re-offers included.
        var assignmentCount: Int { assignments.values.reduce(0) { $0 + $1.count } }
        /// Completions answered 204.
        var completionCount: Int { completions.values.reduce(0) { $0 + $1.count } }
    }

    private static let keptMessages = 50
    private let state = Mutex(Snapshot())

    /// A copy of everything recorded so far.
    var snapshot: Snapshot { state.withLock { $0 } }

    /// Distinct tasks whose completion was answered 204.
    var completedTaskCount: Int { state.withLock { $0.completedTasks } }

    func recordRegistration(worker: Int, id: String) {
        state.withLock { $0.workerIDs[worker] = id }
    }

    func recordAssignment(task: String, worker: Int) {
        state.withLock { state in
            state.sequence += 1
            state.assignments[task, default: []].append(Event(worker: worker, sequence: state.sequence))
        }
    }

    func recordCompletion(task: String, worker: Int) {
        state.withLock { state in
            state.sequence += 1
            if state.completions[task] == nil { state.completedTasks += 1 }
            state.completions[task, default: []].append(Event(worker: worker, sequence: state.sequence))
        }
    }

    func recordUnexpected(_ message: String) {
        state.withLock { state in
            state.unexpectedCount += 1
            if state.unexpected.count < Self.keptMessages { state.unexpected.append(message) }
        }
    }

    func recordConnectionError(_ kind: RequestKind) { state.withLock { $0.connectionErrors[kind, default: 0] += 1 } }
    func recordMayIRun() { state.withLock { $0.mayIRunCalls += 1 } }
    func recordKill() { state.withLock { $0.kills += 1 } }
}
