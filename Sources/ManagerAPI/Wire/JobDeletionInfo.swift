/// What deleting a job would remove besides the job itself.
public struct JobDeletionInfo: Codable, Hashable, Sendable {
    /// Whether the job's Shaman checkout would be deleted too.
    public var shamanCheckout: Bool

    /// Creates a value from its fields; optional ones default to absent.
    public init(shamanCheckout: Bool) {
        self.shamanCheckout = shamanCheckout
    }

    enum CodingKeys: String, CodingKey {
        case shamanCheckout = "shaman_checkout"
    }
}
