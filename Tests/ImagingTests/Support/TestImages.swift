import CImaging
import Imaging
import Testing

/// Test images generated in memory through CImaging's own encoders.
enum TestImages {
    /// A smooth gradient (red across, green down, blue diagonal), which survives JPEG well.
    static func gradient(width: Int, height: Int) -> RGBImage {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                pixels.append(UInt8(x * 255 / max(width - 1, 1)))
                pixels.append(UInt8(y * 255 / max(height - 1, 1)))
                pixels.append(UInt8((x + y) * 255 / max(width + height - 2, 1)))
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// An image of one colour.
    static func solid(width: Int, height: Int, _ red: UInt8, _ green: UInt8, _ blue: UInt8) -> RGBImage {
        RGBImage(
            width: width,
            height: height,
            pixels: Array(repeating: [red, green, blue], count: width * height).flatMap { $0 }
        )
    }

    /// Raw samples encoded as a PNG of any colour type and depth (see `cimaging_encode_png` for the layout).
    static func png(
        width: Int,
        height: Int,
        color: cimaging_png_color,
        bitDepth: Int,
        samples: [UInt8],
        palette: [UInt8] = [],
        interlaced: Bool = false
    ) throws -> [UInt8] {
        try palette.withUnsafeBufferPointer { paletteBuffer in
            var spec = cimaging_png_spec()
            spec.width = UInt32(width)
            spec.height = UInt32(height)
            spec.color = color
            spec.bit_depth = Int32(bitDepth)
            spec.interlaced = interlaced ? 1 : 0
            spec.palette = paletteBuffer.baseAddress
            spec.palette_count = Int32(palette.count / 3)
            return try encode { data, length in
                cimaging_encode_png(&spec, samples, samples.count, data, length, nil, 0)
            }
        }
    }

    /// Raw gray, RGB or (Adobe-inverted) CMYK samples encoded as a JPEG.
    static func jpeg(width: Int, height: Int, color: cimaging_jpeg_color, samples: [UInt8], quality: Int = 95) throws
        -> [UInt8]
    {
        try encode { data, length in
            cimaging_encode_jpeg(
                samples,
                samples.count,
                UInt32(width),
                UInt32(height),
                color,
                Int32(quality),
                data,
                length,
                nil,
                0
            )
        }
    }

    private static func encode(
        _ body: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>) -> cimaging_status
    ) throws -> [UInt8] {
        var data: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = body(&data, &length)
        defer { cimaging_buffer_free(data) }
        try #require(status == CIMAGING_OK)
        return Array(UnsafeBufferPointer(start: data, count: length))
    }
}
