/// Answer to `get_shared_storage`: the shared storage path for one audience and platform.
public struct SharedStorageLocation: Codable, Hashable, Sendable {
    /// Path with variables expanded.
    public var location: String
    /// Audience it was resolved for.
    public var audience: ManagerVariableAudience
    /// Platform it was resolved for.
    public var platform: String
    /// Whether the Shaman file-upload API is available.
    public var shamanEnabled: Bool

    /// Creates a value from its fields; optional ones default to absent.
    public init(location: String, audience: ManagerVariableAudience, platform: String, shamanEnabled: Bool) {
        self.location = location
        self.audience = audience
        self.platform = platform
        self.shamanEnabled = shamanEnabled
    }

    enum CodingKeys: String, CodingKey {
        case location
        case audience
        case platform
        case shamanEnabled
    }
}
