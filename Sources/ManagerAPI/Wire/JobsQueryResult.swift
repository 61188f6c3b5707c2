/// Answer to `fetch_jobs`: every job, in creation order.
public struct JobsQueryResult: Codable, Hashable, Sendable {
    /// The jobs.
    public var jobs: [Job]

    /// Creates a value from its fields; optional ones default to absent.
    public init(jobs: [Job]) {
        self.jobs = jobs
    }

    enum CodingKeys: String, CodingKey {
        case jobs
    }
}
