import FarmModel

/// Where a task's log can be downloaded.
public struct TaskLogInfo: Codable, Hashable, Sendable {
    /// Task ID.
    public var taskID: TaskID
    /// ID of the task's job.
    public var jobID: JobID
    /// Path of the log file under `/job-files/`.
    public var url: String
    /// Log size in bytes.
    public var size: Int

    /// Creates a value from its fields; optional ones default to absent.
    public init(taskID: TaskID, jobID: JobID, url: String, size: Int) {
        self.taskID = taskID
        self.jobID = jobID
        self.url = url
        self.size = size
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case jobID = "job_id"
        case url
        case size
    }
}
