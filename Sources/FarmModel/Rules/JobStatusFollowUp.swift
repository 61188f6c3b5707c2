/// What happens to a job right after a status change, once its bulk task moves are done (protocol.md §6.5).
public enum JobStatusFollowUp: Sendable, Hashable {
    /// The stored status stays.
    case none
    /// `cancel-requested` resolves to `canceled` at once.
    case cancel
    /// `requeueing` resolves to `queued`, or to `completed` when every task is completed.
    case requeue
    /// `pause-requested` resolves to `paused` when no task is active; otherwise a later roll-up does it.
    case pause
    /// `queued` resolves to `completed` when every task is completed.
    case completeIfAllCompleted

    /// The job's final status given the task tally after the bulk moves, or nil to keep the stored status.
    public func resolvedStatus(given counts: TaskStatusCounts) -> JobStatus? {
        switch self {
        case .none: nil
        case .cancel: .canceled
        case .requeue: counts.areAllCompleted ? .completed : .queued
        case .pause: counts.hasActiveTask ? nil : .paused
        case .completeIfAllCompleted: counts.areAllCompleted ? .completed : nil
        }
    }
}
