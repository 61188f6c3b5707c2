/// Why an image could not be decoded, resized or encoded.
public enum ImagingError: Error, Sendable, Hashable {
    /// The bytes start with neither a PNG nor a JPEG signature; carries up to the first 8 bytes.
    case unsupportedFormat(leadingBytes: [UInt8])
    /// libpng or libjpeg rejected the data (truncated, corrupt, unsupported variant); carries the codec's message.
    case decodeFailed(format: ImageFormat, reason: String)
    /// The image has more than ``RGBImage/maximumPixelCount`` pixels.
    case tooLarge(width: Int, height: Int)
    /// The JPEG or PNG encoder failed; carries the codec's message.
    case encodeFailed(reason: String)
    /// Pixel memory could not be allocated.
    case outOfMemory
}
