/// Answer to `get_configuration`: the parts of the Manager's configuration clients need.
public struct ManagerConfiguration: Codable, Hashable, Sendable {
    /// Shared storage path, as seen by the Manager.
    public var storageLocation: String
    /// Whether the Shaman file-upload API is available.
    public var shamanEnabled: Bool
    /// True only when no configuration exists yet.
    public var isFirstRun: Bool

    /// Creates a value from its fields; optional ones default to absent.
    public init(storageLocation: String, shamanEnabled: Bool, isFirstRun: Bool) {
        self.storageLocation = storageLocation
        self.shamanEnabled = shamanEnabled
        self.isFirstRun = isFirstRun
    }

    enum CodingKeys: String, CodingKey {
        case storageLocation
        case shamanEnabled
        case isFirstRun
    }
}
