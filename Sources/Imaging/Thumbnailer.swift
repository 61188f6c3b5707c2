/// Turns an uploaded render into the last-rendered JPEG thumbnails of protocol.md §3.9.
///
/// Work is synchronous and CPU-bound (up to seconds for a 100-megapixel image): call it from a dedicated task or
/// thread pool, never on an event loop.
public struct Thumbnailer: Sendable {
    /// The JPEG quality Flamenco uses for thumbnails.
    public static let defaultQuality = 85

    /// The thumbnails to make, in order; each is resized from the previous one.
    public let specs: [ThumbnailSpec]
    /// The JPEG quality, 1–100.
    public let quality: Int

    /// Creates a thumbnailer; traps if `quality` is outside 1–100.
    public init(specs: [ThumbnailSpec] = ThumbnailSpec.flamencoDefaults, quality: Int = Thumbnailer.defaultQuality) {
        precondition((1...100).contains(quality), "JPEG quality must be 1–100")
        self.specs = specs
        self.quality = quality
    }

    /// Decodes PNG or JPEG bytes (format sniffed from the bytes, never the Content-Type) and encodes each thumbnail.
    public func makeThumbnails(from imageData: some Collection<UInt8>) throws(ImagingError) -> [Thumbnail] {
        var current = try imageData.withContiguousBuffer(NativeImage.decoding).get()
        var thumbnails: [Thumbnail] = []
        for spec in specs {
            current = try current.resizedToFit(width: spec.maxWidth, height: spec.maxHeight)
            let jpeg = try current.jpegEncoded(quality: quality)
            thumbnails.append(
                Thumbnail(fileName: spec.fileName, width: current.width, height: current.height, jpegData: jpeg)
            )
        }
        return thumbnails
    }
}
