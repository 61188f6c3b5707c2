/// Answer to `fetch_worker_tags`.
public struct WorkerTagList: Codable, Hashable, Sendable {
    /// Every tag; empty when there are none.
    public var tags: [WorkerTag]

    /// Creates a value from its fields; optional ones default to absent.
    public init(tags: [WorkerTag]) {
        self.tags = tags
    }

    enum CodingKeys: String, CodingKey {
        case tags
    }
}
