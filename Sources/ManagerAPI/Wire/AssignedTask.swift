import FarmModel

/// Answer to `POST /worker/task`: the task the worker must run now.
public struct AssignedTask: Codable, Hashable, Sendable {
    /// Task ID.
    public var uuid: TaskID
    /// ID of the task's job.
    public var job: JobID
    /// Task name.
    public var name: String
    /// Task status; `active` once assigned.
    public var status: TaskStatus
    /// Task priority.
    public var priority: Int
    /// Priority of the task's job.
    public var jobPriority: Int
    /// Job type name, e.g. `simple-blender-render`.
    public var jobType: String
    /// Task type, e.g. `blender`.
    public var taskType: String
    /// Commands with variables already expanded for this worker.
    public var commands: [Command]
    /// Steps done so far.
    public var stepsCompleted: Int
    /// Steps in the whole task.
    public var stepsTotal: Int

    /// Creates a value from its fields; optional ones default to absent.
    public init(
        uuid: TaskID,
        job: JobID,
        name: String,
        status: TaskStatus,
        priority: Int,
        jobPriority: Int,
        jobType: String,
        taskType: String,
        commands: [Command],
        stepsCompleted: Int,
        stepsTotal: Int
    ) {
        self.uuid = uuid
        self.job = job
        self.name = name
        self.status = status
        self.priority = priority
        self.jobPriority = jobPriority
        self.jobType = jobType
        self.taskType = taskType
        self.commands = commands
        self.stepsCompleted = stepsCompleted
        self.stepsTotal = stepsTotal
    }

    enum CodingKeys: String, CodingKey {
        case uuid
        case job
        case name
        case status
        case priority
        case jobPriority = "job_priority"
        case jobType = "job_type"
        case taskType = "task_type"
        case commands
        case stepsCompleted = "steps_completed"
        case stepsTotal = "steps_total"
    }
}
