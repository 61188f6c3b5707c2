/// A bulk change of a job's tasks: every task in one of `sources` takes status `target` (protocol.md §6.5).
///
/// Bulk moves write no per-task log lines or events; the job event tells clients to refresh the tasks.
public struct TaskStatusMove: Sendable, Hashable {
    /// The task statuses that are moved.
    public var sources: Set<TaskStatus>
    /// The status the moved tasks take.
    public var target: TaskStatus

    /// Creates a move of the tasks in `sources` to `target`.
    public init(from sources: Set<TaskStatus>, to target: TaskStatus) {
        self.sources = sources
        self.target = target
    }

    /// Whether a task in `status` is affected by this move.
    public func moves(_ status: TaskStatus) -> Bool { sources.contains(status) && status != target }

    /// Cancels the unfinished tasks of a failed job: `active`, `queued`, `soft-failed` → `canceled`.
    public static let cancelUnfinished = TaskStatusMove(from: [.active, .queued, .softFailed], to: .canceled)

    /// Cancels everything of a canceled job that has not ended, including `paused` tasks (§13 row 19, decided).
    public static let cancelForJobCancel = TaskStatusMove(
        from: [.active, .queued, .softFailed, .paused],
        to: .canceled
    )

    /// Holds back the waiting tasks of a pausing job: `queued`, `soft-failed` → `paused`; active ones keep running.
    public static let pauseWaiting = TaskStatusMove(from: [.queued, .softFailed], to: .paused)

    /// Requeues the unfinished tasks of a job: `canceled`, `failed`, `paused`, `soft-failed` → `queued`.
    public static let requeueUnfinished = TaskStatusMove(
        from: [.canceled, .failed, .paused, .softFailed],
        to: .queued
    )

    /// Requeues every task of a job, as when a completed job is requeued.
    public static let requeueAll = TaskStatusMove(from: Set(TaskStatus.allCases), to: .queued)
}
