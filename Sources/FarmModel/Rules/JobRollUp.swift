/// Something the roll-up asks the caller to do to the other tasks of the job.
public enum JobRollUpEffect: Sendable, Hashable {
    /// The job went `completed` → `requeueing` → `queued`: every task of the job goes back to `queued`.
    case requeueAllTasks
    /// The job failed: its `active`, `queued` and `soft-failed` tasks are canceled.
    case cancelUnfinishedTasks

    /// The bulk task move that carries out this effect.
    public var taskMove: TaskStatusMove {
        switch self {
        case .requeueAllTasks: .requeueAll
        case .cancelUnfinishedTasks: .cancelUnfinished
        }
    }
}

/// How a job reacts to one of its tasks changing status (protocol.md §6.3, with Tablao's §13 row 18).
public struct JobRollUp: Sendable, Hashable {
    /// The job's new status, or nil when it keeps its current one.
    public var jobStatus: JobStatus?
    /// Bulk changes to the job's other tasks, to carry out after storing `jobStatus`.
    public var effects: [JobRollUpEffect]

    /// Creates a roll-up result.
    public init(jobStatus: JobStatus?, effects: [JobRollUpEffect] = []) {
        self.jobStatus = jobStatus
        self.effects = effects
    }

    /// The job keeps its status and nothing else happens.
    public static let unchanged = JobRollUp(jobStatus: nil)

    /// The percentage of failed tasks (⌊100 × failed / total⌋) at which a job fails.
    ///
    /// A constant in Flamenco, not configurable: a few broken frames should not let a job run on forever.
    public static let failedTaskPercentageThreshold = 10

    /// The job's reaction after one of its tasks became `newTaskStatus`.
    ///
    /// - Parameters:
    ///   - newTaskStatus: the status the task just took.
    ///   - jobStatus: the job's status before the roll-up.
    ///   - counts: the job's task tally *after* the change.
    public static func after(
        taskBecame newTaskStatus: TaskStatus,
        jobStatus: JobStatus,
        counts: TaskStatusCounts
    ) -> JobRollUp {
        let proposal = propose(newTaskStatus, jobStatus: jobStatus, counts: counts)
        guard let target = proposal.jobStatus, target != jobStatus else { return .unchanged }
        return proposal
    }

    private static func propose(
        _ newTaskStatus: TaskStatus,
        jobStatus: JobStatus,
        counts: TaskStatusCounts
    ) -> JobRollUp {
        switch newTaskStatus {
        case .active:
            // Kept as in §6.3; tasks are only assigned in queued/active jobs (§7.1, §13 row 31).
            return activate(jobStatus)
        case .softFailed:
            // Decided (§13 row 18): a soft failure must not swallow a pending pause request.
            if jobStatus == .pauseRequested { return pauseIfIdle(jobStatus, counts) ?? .unchanged }
            return activate(jobStatus)
        case .completed:
            if counts.areAllCompleted { return JobRollUp(jobStatus: .completed) }
            return pauseIfIdle(jobStatus, counts) ?? activateIfQueued(jobStatus)
        case .failed:
            if counts.failedPercentage >= failedTaskPercentageThreshold {
                return JobRollUp(jobStatus: .failed, effects: [.cancelUnfinishedTasks])
            }
            return pauseIfIdle(jobStatus, counts) ?? activateIfQueued(jobStatus)
        case .canceled:
            if counts.count(in: [.active, .queued, .softFailed]) == 0 { return JobRollUp(jobStatus: .canceled) }
            return pauseIfIdle(jobStatus, counts) ?? .unchanged
        case .paused:
            return pauseIfIdle(jobStatus, counts) ?? .unchanged
        case .queued:
            // Requeueing one task of a completed job passes the job through `requeueing`, which requeues all.
            if jobStatus == .completed { return JobRollUp(jobStatus: .queued, effects: [.requeueAllTasks]) }
            return .unchanged
        }
    }

    private static func activate(_ jobStatus: JobStatus) -> JobRollUp {
        jobStatus == .active || jobStatus == .cancelRequested ? .unchanged : JobRollUp(jobStatus: .active)
    }

    private static func activateIfQueued(_ jobStatus: JobStatus) -> JobRollUp {
        jobStatus == .queued ? JobRollUp(jobStatus: .active) : .unchanged
    }

    /// `paused` for a pausing job whose last active task has ended; nil otherwise.
    private static func pauseIfIdle(_ jobStatus: JobStatus, _ counts: TaskStatusCounts) -> JobRollUp? {
        jobStatus == .pauseRequested && !counts.hasActiveTask ? JobRollUp(jobStatus: .paused) : nil
    }
}
