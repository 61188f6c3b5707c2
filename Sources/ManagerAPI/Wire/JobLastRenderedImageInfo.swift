/// Where the last-rendered thumbnails of a job are served.
public struct JobLastRenderedImageInfo: Codable, Hashable, Sendable {
    /// URL path of the directory holding the images.
    public var base: String
    /// File names to append to `base`, largest first.
    public var suffixes: [String]

    /// Creates a value from its fields; optional ones default to absent.
    public init(base: String, suffixes: [String]) {
        self.base = base
        self.suffixes = suffixes
    }

    enum CodingKeys: String, CodingKey {
        case base
        case suffixes
    }
}
