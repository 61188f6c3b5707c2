/// What storing a new job status entails: bulk task moves, failure-state reset and the follow-up (§6.5).
public struct JobStatusChangePlan: Sendable, Hashable {
    /// The status saved on the job first.
    public var storedStatus: JobStatus
    /// Bulk task moves, to apply in order after saving `storedStatus`.
    public var taskMoves: [TaskStatusMove]
    /// Whether every task's failure list and the job's blocklist are cleared (user requeue only, §8.5).
    public var clearsFailureState: Bool
    /// How the job's status resolves once the moves are done.
    public var followUp: JobStatusFollowUp

    /// Creates a plan from its parts.
    public init(
        storedStatus: JobStatus,
        taskMoves: [TaskStatusMove],
        clearsFailureState: Bool,
        followUp: JobStatusFollowUp
    ) {
        self.storedStatus = storedStatus
        self.taskMoves = taskMoves
        self.clearsFailureState = clearsFailureState
        self.followUp = followUp
    }

    /// The consequences of a job going from `current` to `target`, whoever asked for it.
    ///
    /// `clearsFailureState` is false here: only a user's requeue request clears failure lists and the
    /// blocklist, which `JobStatusRequestPlan` adds.
    public init(changingTo target: JobStatus, from current: JobStatus) {
        let moves: [TaskStatusMove]
        let followUp: JobStatusFollowUp
        switch target {
        case .cancelRequested:
            moves = [.cancelForJobCancel]
            followUp = .cancel
        case .failed:
            moves = [.cancelUnfinished]
            followUp = .none
        case .pauseRequested:
            moves = [.pauseWaiting]
            followUp = .pause
        case .requeueing:
            moves = [current == .completed ? .requeueAll : .requeueUnfinished]
            followUp = .requeue
        case .queued:
            moves = []
            followUp = .completeIfAllCompleted
        case .underConstruction, .active, .paused, .canceled, .completed:
            moves = []
            followUp = .none
        }
        self.init(storedStatus: target, taskMoves: moves, clearsFailureState: false, followUp: followUp)
    }

    /// The job's final status given the task tally after the bulk moves, or nil to keep `storedStatus`.
    public func resolvedStatus(given counts: TaskStatusCounts) -> JobStatus? {
        guard let resolved = followUp.resolvedStatus(given: counts), resolved != storedStatus else { return nil }
        return resolved
    }
}
