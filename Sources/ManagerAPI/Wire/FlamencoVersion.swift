/// Answer to `get_version`.
public struct FlamencoVersion: Codable, Hashable, Sendable {
    /// Full version, possibly with a build suffix.
    public var version: String
    /// Flamenco release this Manager is compatible with, e.g. `3.9-beta1`.
    public var shortversion: String
    /// Manager name.
    public var name: String
    /// Source revision.
    public var git: String

    /// Creates a value from its fields; optional ones default to absent.
    public init(version: String, shortversion: String, name: String, git: String) {
        self.version = version
        self.shortversion = shortversion
        self.name = name
        self.git = git
    }

    enum CodingKeys: String, CodingKey {
        case version
        case shortversion
        case name
        case git
    }
}
