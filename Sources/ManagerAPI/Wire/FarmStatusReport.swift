/// Answer to `get_farm_status`.
public struct FarmStatusReport: Codable, Hashable, Sendable {
    /// Overall state of the farm.
    public var status: FarmStatus

    /// Creates a value from its fields; optional ones default to absent.
    public init(status: FarmStatus) {
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case status
    }
}
