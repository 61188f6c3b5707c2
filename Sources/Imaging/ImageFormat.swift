import CImaging

/// An image container format the thumbnailer decodes, recognised by its leading bytes.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    case png
    case jpeg

    /// The media type a Worker labels this format with (protocol.md §3.9).
    public var mediaType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        }
    }

    init?(_ format: cimaging_format) {
        switch format {
        case CIMAGING_FORMAT_PNG: self = .png
        case CIMAGING_FORMAT_JPEG: self = .jpeg
        default: return nil
        }
    }
}

/// The format announced by the signature at the start of `bytes`, whatever Content-Type came with them.
public func detectFormat(_ bytes: some Collection<UInt8>) -> ImageFormat? {
    let signature = Array(bytes.prefix(8))
    let format = signature.withUnsafeBufferPointer { cimaging_detect_format($0.baseAddress, $0.count) }
    return ImageFormat(format)
}
