import FarmModel
import Foundation

/// The task a worker is running or ran last.
public struct WorkerTask: Codable, Hashable, Sendable {
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
    /// ID of the task's job.
    public var jobID: JobID

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
        worker: TaskWorker? = nil,
        jobID: JobID
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
        self.jobID = jobID
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
        case jobID = "job_id"
    }
}
