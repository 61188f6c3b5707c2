/// Where a job's files live when Shaman is used.
public struct JobStorageInfo: Codable, Hashable, Sendable, WireRequest {
    /// Shaman checkout the job's files were placed in.
    public var shamanCheckoutID: String?

    /// Creates a value from its fields; optional ones default to absent.
    public init(shamanCheckoutID: String? = nil) {
        self.shamanCheckoutID = shamanCheckoutID
    }

    enum CodingKeys: String, CodingKey {
        case shamanCheckoutID = "shaman_checkout_id"
    }
}
