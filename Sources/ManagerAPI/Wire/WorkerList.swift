/// Answer to `fetch_workers`: every worker not deleted.
public struct WorkerList: Codable, Hashable, Sendable {
    /// The workers.
    public var workers: [WorkerSummary]

    /// Creates a value from its fields; optional ones default to absent.
    public init(workers: [WorkerSummary]) {
        self.workers = workers
    }

    enum CodingKeys: String, CodingKey {
        case workers
    }
}
