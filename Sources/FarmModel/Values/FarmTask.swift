import Foundation

/// A task as stored. Named `FarmTask` so it never shadows Swift's `Task`.
public struct FarmTask: Sendable, Hashable {
    /// The database row ID; also the scheduling tie-breaker (insertion order).
    public var rowID: Int64
    /// The wire ID.
    public var id: TaskID
    /// The job's row ID.
    public var jobRowID: Int64
    /// The job's wire ID.
    public var jobID: JobID
    /// 1-based position in the job.
    public var indexInJob: Int
    /// Display name.
    public var name: String
    /// Which workers can run it.
    public var taskType: String
    /// Priority within the job.
    public var priority: Int
    /// Current status.
    public var status: TaskStatus
    /// The last worker it was assigned to (row ID), kept on requeue.
    public var workerRowID: Int64?
    /// Commands as stored (before variable expansion).
    public var commands: [CompiledCommand]
    /// One-line description of what is happening.
    public var activity: String
    /// Steps done.
    public var stepsCompleted: Int
    /// Steps in all.
    public var stepsTotal: Int
    /// Creation time.
    public var created: Date
    /// Last change.
    public var updated: Date
    /// Last sign of life from its worker (assignment, update, may-i-run true).
    public var lastTouched: Date?

    /// Creates a task value.
    public init(
        rowID: Int64, id: TaskID, jobRowID: Int64, jobID: JobID, indexInJob: Int, name: String, taskType: String,
        priority: Int, status: TaskStatus, workerRowID: Int64?, commands: [CompiledCommand], activity: String,
        stepsCompleted: Int, stepsTotal: Int, created: Date, updated: Date, lastTouched: Date?
    ) {
        self.rowID = rowID
        self.id = id
        self.jobRowID = jobRowID
        self.jobID = jobID
        self.indexInJob = indexInJob
        self.name = name
        self.taskType = taskType
        self.priority = priority
        self.status = status
        self.workerRowID = workerRowID
        self.commands = commands
        self.activity = activity
        self.stepsCompleted = stepsCompleted
        self.stepsTotal = stepsTotal
        self.created = created
        self.updated = updated
        self.lastTouched = lastTouched
    }
}
