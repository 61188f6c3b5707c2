/// Answer to `get_job_types`: every job type, sorted by name.
public struct AvailableJobTypes: Codable, Hashable, Sendable {
    /// The job types.
    public var jobTypes: [AvailableJobType]

    /// Creates a value from its fields; optional ones default to absent.
    public init(jobTypes: [AvailableJobType]) {
        self.jobTypes = jobTypes
    }

    enum CodingKeys: String, CodingKey {
        case jobTypes = "job_types"
    }
}
