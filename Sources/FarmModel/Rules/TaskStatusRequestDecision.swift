/// The answer to a user asking for a task status (`POST /tasks/{id}/setstatus`, protocol.md §6.5, §6.6).
public enum TaskStatusRequestDecision: Sendable, Hashable {
    /// The change goes through the task state machine (§6.3); the task's activity becomes the given reason.
    case allowed(clearsFailureList: Bool)
    /// Not allowed: nothing changes (422 naming both statuses).
    case rejected(current: TaskStatus, requested: TaskStatus)

    /// Decides a user's request for `requested` on a task currently in `current`.
    ///
    /// Requesting the current status is rejected too: the decided table has no same-status entry for tasks.
    public init(requesting requested: TaskStatus, current: TaskStatus) {
        guard Self.allowedSources(for: requested).contains(current) else {
            self = .rejected(current: current, requested: requested)
            return
        }
        // A user's requeue gives every worker a fresh chance; worker-caused requeues keep the list (§8.5).
        self = .allowed(clearsFailureList: requested == .queued)
    }

    /// The task statuses from which a user may request `requested` (Tablao's decided table).
    public static func allowedSources(for requested: TaskStatus) -> Set<TaskStatus> {
        switch requested {
        case .queued: [.canceled, .failed, .softFailed, .completed, .paused]
        case .canceled: [.queued, .active, .softFailed, .paused]
        case .active, .completed, .failed, .softFailed, .paused: []
        }
    }
}
