import FarmModel

/// One (worker, task type) pair that may no longer run on a job.
public struct JobBlocklistEntry: Codable, Hashable, Sendable, WireRequest {
    /// Blocked worker.
    public var workerID: WorkerID
    /// Task type the worker is blocked from.
    public var taskType: String
    /// Worker name; ignored in requests.
    public var workerName: String?

    /// Creates a value from its fields; optional ones default to absent.
    public init(workerID: WorkerID, taskType: String, workerName: String? = nil) {
        self.workerID = workerID
        self.taskType = taskType
        self.workerName = workerName
    }

    /// Rejects an empty task type.
    public func validate() throws(WireValidationError) {
        try WireValidation.requireNonEmpty(taskType, field: "task_type")
    }

    /// Validates the body of `remove_job_blocklist`: a non-empty list of valid entries.
    public static func validateRemoval(_ entries: [JobBlocklistEntry]) throws(WireValidationError) {
        guard !entries.isEmpty else { throw .emptyList(field: "body") }
        for entry in entries { try entry.validate() }
    }

    enum CodingKeys: String, CodingKey {
        case workerID = "worker_id"
        case taskType = "task_type"
        case workerName = "worker_name"
    }
}
