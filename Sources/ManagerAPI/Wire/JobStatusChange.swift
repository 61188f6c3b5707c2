import FarmModel

/// Body of `set_job_status`.
public struct JobStatusChange: Codable, Hashable, Sendable, WireRequest {
    /// Requested job status.
    public var status: JobStatus
    /// Why; shown in the job's activity.
    public var reason: String

    /// Creates a value from its fields; optional ones default to absent.
    public init(status: JobStatus, reason: String) {
        self.status = status
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case status
        case reason
    }
}
