/// One variable value for an audience and platform.
public struct ManagerVariable: Codable, Hashable, Sendable {
    /// Value for the requested platform.
    public var value: String
    /// Whether submitted paths are also rewritten back into this variable.
    public var isTwoway: Bool

    /// Creates a value from its fields; optional ones default to absent.
    public init(value: String, isTwoway: Bool) {
        self.value = value
        self.isTwoway = isTwoway
    }

    enum CodingKeys: String, CodingKey {
        case value
        case isTwoway = "is_twoway"
    }
}
