import FarmModel

/// Body of `set_worker_tags`: the complete new set of tags of a worker.
public struct WorkerTagChangeRequest: Codable, Hashable, Sendable, WireRequest {
    /// Tag IDs; unknown ones are ignored.
    public var tagIDs: [TagID]

    /// Creates a value from its fields; optional ones default to absent.
    public init(tagIDs: [TagID]) {
        self.tagIDs = tagIDs
    }

    enum CodingKeys: String, CodingKey {
        case tagIDs = "tag_ids"
    }
}
