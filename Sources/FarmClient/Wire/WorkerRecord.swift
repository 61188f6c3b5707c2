/// `WorkerList`: the Manager's non-deleted workers (`GET /api/v3/worker-mgt/workers`).
public struct WorkerRecordList: Decodable, Sendable {
    /// The workers.
    public let workers: [WorkerRecord]
}

/// The parts of a `WorkerSummary` the client shows.
public struct WorkerRecord: Decodable, Sendable {
    /// Worker ID.
    public let id: String
    /// Display name.
    public let name: String
    /// Current status.
    public let status: String
    /// Last time the worker called the Manager (RFC 3339), absent if never.
    public let lastSeen: String?
    /// Pending status request, if any.
    public let statusChange: StatusChange?

    /// `WorkerStatusChangeRequest`: a status the worker has been asked to take.
    public struct StatusChange: Decodable, Sendable {
        /// Requested status.
        public let status: String
        /// Whether the worker finishes its task first.
        public let isLazy: Bool

        enum CodingKeys: String, CodingKey {
            case status
            case isLazy = "is_lazy"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, status
        case lastSeen = "last_seen"
        case statusChange = "status_change"
    }
}

/// The part of a `Worker` (`GET /api/v3/worker-mgt/workers/{id}`) the client adds to the summary: its task.
public struct WorkerDetailRecord: Decodable, Sendable {
    /// The active task, else the last one the worker was given; absent if none.
    public let task: WorkerTaskRecord?
}

/// The parts of a `WorkerTask` the client shows.
public struct WorkerTaskRecord: Decodable, Sendable {
    /// Task ID.
    public let id: String
    /// Task name.
    public let name: String
    /// Task status.
    public let status: String
    /// ID of the task's job.
    public let jobID: String

    enum CodingKeys: String, CodingKey {
        case id, name, status
        case jobID = "job_id"
    }
}
