/// A thumbnail to produce: its file name and the box it must fit in.
public struct ThumbnailSpec: Sendable, Hashable {
    /// The file name, e.g. `last-rendered.jpg`.
    public let fileName: String
    /// The box's width in pixels.
    public let maxWidth: Int
    /// The box's height in pixels.
    public let maxHeight: Int

    /// Creates a spec; traps unless the box is at least 1×1.
    public init(fileName: String, maxWidth: Int, maxHeight: Int) {
        precondition(maxWidth > 0 && maxHeight > 0, "the thumbnail box must not be empty")
        self.fileName = fileName
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
    }

    /// `last-rendered.jpg`, fitted in 1920×1080 (protocol.md §3.9).
    public static let lastRendered = ThumbnailSpec(fileName: "last-rendered.jpg", maxWidth: 1920, maxHeight: 1080)
    /// `last-rendered-small.jpg`, fitted in 600×338 (protocol.md §3.9).
    public static let lastRenderedSmall = ThumbnailSpec(
        fileName: "last-rendered-small.jpg",
        maxWidth: 600,
        maxHeight: 338
    )
    /// `last-rendered-tiny.jpg`, fitted in 200×112; a job has a last-rendered image iff this file exists (§3.9).
    public static let lastRenderedTiny = ThumbnailSpec(
        fileName: "last-rendered-tiny.jpg",
        maxWidth: 200,
        maxHeight: 112
    )

    /// Flamenco's three thumbnails, largest first, each derived from the previous one.
    public static let flamencoDefaults: [ThumbnailSpec] = [lastRendered, lastRenderedSmall, lastRenderedTiny]
}
