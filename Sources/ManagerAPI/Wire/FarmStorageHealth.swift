import Foundation

/// Tablao's addition to `FarmStatusReport`: what failed in the storage folder (task logs, job folders) since start-up.
public struct FarmStorageHealth: Codable, Hashable, Sendable {
    /// Task log appends that failed; their lines are lost, the tasks went on.
    public var taskLogWriteFailures: Int
    /// Deleted jobs whose storage folder could not be removed.
    public var jobFolderRemovalFailures: Int
    /// The most recent failure: the call, the path, the errno and its text.
    public var lastFailure: String?
    /// When it happened.
    public var lastFailureAt: Date?

    /// Creates a value from its fields; optional ones default to absent.
    public init(
        taskLogWriteFailures: Int, jobFolderRemovalFailures: Int, lastFailure: String? = nil, lastFailureAt: Date? = nil
    ) {
        self.taskLogWriteFailures = taskLogWriteFailures
        self.jobFolderRemovalFailures = jobFolderRemovalFailures
        self.lastFailure = lastFailure
        self.lastFailureAt = lastFailureAt
    }

    enum CodingKeys: String, CodingKey {
        case taskLogWriteFailures = "task_log_write_failures"
        case jobFolderRemovalFailures = "job_folder_removal_failures"
        case lastFailure = "last_failure"
        case lastFailureAt = "last_failure_at"
    }
}
