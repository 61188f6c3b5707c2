import FarmModel
/// `JobsQueryResult`: every job the Manager holds, in creation order (`GET /api/v3/jobs`).
public struct JobRecordList: Decodable, Sendable {
    /// The jobs.
    public let jobs: [JobRecord]
}

/// The parts of a `Job` the client shows.
public struct JobRecord: Decodable, Sendable {
    /// Job ID.
    public let id: String
    /// Job name.
    public let name: String
    /// Job type name.
    public let type: String
    /// Job status.
    public let status: String
    /// Job priority.
    public let priority: Int
    /// Settings as stored.
    public let settings: [String: JSONValue]?
    /// Steps completed over all tasks.
    public let stepsCompleted: Int
    /// Steps over all tasks.
    public let stepsTotal: Int
    /// When deletion was requested, if it was.
    public let deleteRequestedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, type, status, priority, settings
        case stepsCompleted = "steps_completed"
        case stepsTotal = "steps_total"
        case deleteRequestedAt = "delete_requested_at"
    }
}
