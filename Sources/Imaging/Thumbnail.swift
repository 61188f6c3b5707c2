/// One encoded thumbnail, ready to be written into a job's storage directory.
public struct Thumbnail: Sendable, Hashable {
    /// The file name, e.g. `last-rendered-small.jpg`.
    public let fileName: String
    /// Columns of pixels.
    public let width: Int
    /// Rows of pixels.
    public let height: Int
    /// The JPEG file's bytes.
    public let jpegData: [UInt8]

    /// Creates a thumbnail value.
    public init(fileName: String, width: Int, height: Int, jpegData: [UInt8]) {
        self.fileName = fileName
        self.width = width
        self.height = height
        self.jpegData = jpegData
    }
}
