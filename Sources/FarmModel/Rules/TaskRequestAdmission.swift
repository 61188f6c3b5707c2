/// Whether a worker may ask the scheduler for a task (`POST /worker/task`, protocol.md §3.6 steps 2–3).
public enum TaskRequestAdmission: Sendable, Hashable {
    /// A status change is pending, lazy or not: answer 423 with this status.
    case statusChangeRequested(WorkerStatus)
    /// Nothing pending but the worker is not `awake`: answer 409.
    case notAwake(WorkerStatus)
    /// Run the scheduler.
    case mayRequestTask

    /// Decides for a worker in `state`; a pending request wins over the awake check.
    public init(_ state: WorkerStatusState) {
        if let request = state.request {
            self = .statusChangeRequested(request.status)
        } else if state.status != .awake {
            self = .notAwake(state.status)
        } else {
            self = .mayRequestTask
        }
    }

    /// The 409 message for a worker that is not awake, nil otherwise.
    public var notAwakeMessage: String? {
        guard case .notAwake(let status) = self else { return nil }
        return "worker is in state \"\(status.rawValue)\", requires state \"awake\" to execute tasks"
    }
}
