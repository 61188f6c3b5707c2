/// How one task goes back to the pool when its worker leaves it (protocol.md §6.4).
///
/// The worker reference and the task's failure list are kept.
public struct TaskPoolReturn: Sendable, Hashable {
    /// `paused` when the job is pausing or paused, else `queued`; applied through the roll-up (§6.3).
    public var targetStatus: TaskStatus
    /// The task's new activity, also appended to its log.
    public var activity: String

    /// Decides for a task of a job in `jobStatus`, returned because of `reason` (e.g. "worker signed off").
    public init(jobStatus: JobStatus, reason: String) {
        let target: TaskStatus = jobStatus == .pauseRequested || jobStatus == .paused ? .paused : .queued
        self.targetStatus = target
        self.activity = "Task was \(target.rawValue) by Manager because \(reason)"
    }
}
