import FarmModel
import Foundation

/// Short form of a task, as listed per job.
public struct TaskSummary: Codable, Hashable, Sendable {
    /// Task ID.
    public var id: TaskID
    /// Task name.
    public var name: String
    /// Task status.
    public var status: TaskStatus
    /// 1-based position of the task in its job.
    public var indexInJob: Int
    /// Task priority.
    public var priority: Int
    /// Task type.
    public var taskType: String
    /// Last modification time.
    public var updated: Date
    /// Steps done so far.
    public var stepsCompleted: Int
    /// Steps in the whole task.
    public var stepsTotal: Int
    /// Last worker the task was assigned to.
    public var worker: TaskWorker?

    /// Creates a value from its fields; optional ones default to absent.
    public init(
        id: TaskID,
        name: String,
        status: TaskStatus,
        indexInJob: Int,
        priority: Int,
        taskType: String,
        updated: Date,
        stepsCompleted: Int,
        stepsTotal: Int,
        worker: TaskWorker? = nil
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.indexInJob = indexInJob
        self.priority = priority
        self.taskType = taskType
        self.updated = updated
        self.stepsCompleted = stepsCompleted
        self.stepsTotal = stepsTotal
        self.worker = worker
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case status
        case indexInJob = "index_in_job"
        case priority
        case taskType = "task_type"
        case updated
        case stepsCompleted = "steps_completed"
        case stepsTotal = "steps_total"
        case worker
    }
}
