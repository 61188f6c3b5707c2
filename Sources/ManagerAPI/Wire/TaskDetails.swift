import FarmModel
import Foundation

/// Full information on one task (schema `Task`); commands are shown before variable expansion.
public struct TaskDetails: Codable, Hashable, Sendable {
    /// Task ID.
    public var id: TaskID
    /// Creation time.
    public var created: Date
    /// Last modification time.
    public var updated: Date
    /// ID of the task's job.
    public var jobID: JobID
    /// 1-based position of the task in its job.
    public var indexInJob: Int
    /// Task name.
    public var name: String
    /// Task status.
    public var status: TaskStatus
    /// Task priority.
    public var priority: Int
    /// Task type.
    public var taskType: String
    /// One line on what the task is doing.
    public var activity: String
    /// Commands as stored.
    public var commands: [Command]
    /// Steps done so far.
    public var stepsCompleted: Int
    /// Steps in the whole task.
    public var stepsTotal: Int
    /// Last worker the task was assigned to.
    public var worker: TaskWorker?
    /// Last sign of life from the assigned worker.
    public var lastTouched: Date?
    /// Workers that failed this task.
    public var failedByWorkers: [TaskWorker]?

    /// Creates a value from its fields; optional ones default to absent.
    public init(
        id: TaskID,
        created: Date,
        updated: Date,
        jobID: JobID,
        indexInJob: Int,
        name: String,
        status: TaskStatus,
        priority: Int,
        taskType: String,
        activity: String,
        commands: [Command],
        stepsCompleted: Int,
        stepsTotal: Int,
        worker: TaskWorker? = nil,
        lastTouched: Date? = nil,
        failedByWorkers: [TaskWorker]? = nil
    ) {
        self.id = id
        self.created = created
        self.updated = updated
        self.jobID = jobID
        self.indexInJob = indexInJob
        self.name = name
        self.status = status
        self.priority = priority
        self.taskType = taskType
        self.activity = activity
        self.commands = commands
        self.stepsCompleted = stepsCompleted
        self.stepsTotal = stepsTotal
        self.worker = worker
        self.lastTouched = lastTouched
        self.failedByWorkers = failedByWorkers
    }

    enum CodingKeys: String, CodingKey {
        case id
        case created
        case updated
        case jobID = "job_id"
        case indexInJob = "index_in_job"
        case name
        case status
        case priority
        case taskType = "task_type"
        case activity
        case commands
        case stepsCompleted = "steps_completed"
        case stepsTotal = "steps_total"
        case worker
        case lastTouched = "last_touched"
        case failedByWorkers = "failed_by_workers"
    }
}
