/// The answer to `GET /worker/task/{id}/may-i-run` (protocol.md §3.8, §4.8).
public struct MayKeepRunningAnswer: Sendable, Hashable {
    /// Whether the worker may go on running the task.
    public var mayKeepRunning: Bool
    /// Why not; `""` when it may.
    public var reason: String
    /// Whether a non-lazy status change is pending (then `mayKeepRunning` is false).
    public var statusChangeRequested: Bool

    /// Creates an answer.
    public init(mayKeepRunning: Bool, reason: String, statusChangeRequested: Bool) {
        precondition(!(mayKeepRunning && statusChangeRequested), "a pending status change forbids running")
        self.mayKeepRunning = mayKeepRunning
        self.reason = reason
        self.statusChangeRequested = statusChangeRequested
    }

    /// The worker may keep running.
    public static let keepRunning = MayKeepRunningAnswer(mayKeepRunning: true, reason: "", statusChangeRequested: false)

    /// Decides with the rows of §3.8 in order; the job's status is not consulted.
    ///
    /// - Parameters:
    ///   - taskStatus: the task's status, or nil when the task does not exist.
    ///   - isAssignedToWorker: whether the task's worker is the asking worker.
    ///   - pendingRequest: the asking worker's pending status request.
    public init(taskStatus: TaskStatus?, isAssignedToWorker: Bool, pendingRequest: WorkerStatusRequest?) {
        guard let taskStatus else {
            self.init(mayKeepRunning: false, reason: "Task not found", statusChangeRequested: false)
            return
        }
        if let pendingRequest, !pendingRequest.isLazy {
            self.init(mayKeepRunning: false, reason: "worker status change requested", statusChangeRequested: true)
        } else if !isAssignedToWorker {
            self.init(mayKeepRunning: false, reason: "task not assigned to this worker", statusChangeRequested: false)
        } else if taskStatus != .active {
            let reason = "task is in non-runnable status \"\(taskStatus.rawValue)\""
            self.init(mayKeepRunning: false, reason: reason, statusChangeRequested: false)
        } else {
            self = .keepRunning
        }
    }
}
