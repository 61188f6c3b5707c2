import CImaging

/// An 8-bit RGB image: rows top to bottom, three bytes (red, green, blue) per pixel.
public struct RGBImage: Sendable, Hashable {
    /// The largest pixel count decoded, resized or encoded (100 megapixels), a guard against decompression bombs.
    public static let maximumPixelCount = Int(CIMAGING_MAX_PIXELS)

    /// Columns of pixels.
    public let width: Int
    /// Rows of pixels.
    public let height: Int
    /// `width * height * 3` bytes.
    public let pixels: [UInt8]

    /// Wraps pixels; traps unless both sides are positive and `pixels.count == width * height * 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 3, "pixels do not match the size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The colour at column `x`, row `y`.
    public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        precondition((0..<width).contains(x) && (0..<height).contains(y), "pixel outside the image")
        let index = (y * width + x) * 3
        return (pixels[index], pixels[index + 1], pixels[index + 2])
    }
}
