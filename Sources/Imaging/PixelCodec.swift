import CImaging

/// Swift entry points to CImaging's resizer and encoders, over RGB pixels held by either a Swift array or C.
enum PixelCodec {
    /// Fits `pixels` inside `maxWidth`×`maxHeight` with the box filter, never upscaling.
    static func resize(
        _ pixels: UnsafeBufferPointer<UInt8>,
        width: Int,
        height: Int,
        maxWidth: Int,
        maxHeight: Int
    ) throws(ImagingError) -> NativeImage {
        precondition(maxWidth > 0 && maxHeight > 0, "the thumbnail box must not be empty")
        let (cWidth, cHeight) = try dimensions(width, height)
        var resized = cimaging_image()
        let status = cimaging_resize_to_fit(
            pixels.baseAddress,
            cWidth,
            cHeight,
            UInt32(clamping: maxWidth),
            UInt32(clamping: maxHeight),
            &resized
        )
        switch status {
        case CIMAGING_OK: return NativeImage.adopting(resized)
        case CIMAGING_ERROR_TOO_LARGE: throw .tooLarge(width: width, height: height)
        case CIMAGING_ERROR_OUT_OF_MEMORY: throw .outOfMemory
        // Any other status is a bug in the resizer; an uploaded image must never bring the process down for it.
        default: throw .encodeFailed(reason: "cimaging_resize_to_fit rejected the image (status \(status.rawValue))")
        }
    }

    /// Encodes RGB `pixels` as a JPEG at `quality` (1–100).
    static func encodeJPEG(
        _ pixels: UnsafeBufferPointer<UInt8>,
        width: Int,
        height: Int,
        quality: Int
    ) throws(ImagingError) -> [UInt8] {
        precondition((1...100).contains(quality), "JPEG quality must be 1–100")
        let (cWidth, cHeight) = try dimensions(width, height)
        return try collect { data, length, message, capacity in
            cimaging_encode_jpeg(
                pixels.baseAddress,
                pixels.count,
                cWidth,
                cHeight,
                CIMAGING_JPEG_RGB,
                Int32(quality),
                data,
                length,
                message,
                capacity
            )
        }
    }

    /// Encodes RGB `pixels` as an 8-bit, non-interlaced PNG.
    static func encodePNG(_ pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int) throws(ImagingError) -> [UInt8]
    {
        let (cWidth, cHeight) = try dimensions(width, height)
        var spec = cimaging_png_spec()
        spec.width = cWidth
        spec.height = cHeight
        spec.color = CIMAGING_PNG_RGB
        spec.bit_depth = 8
        return try collect { data, length, message, capacity in
            cimaging_encode_png(&spec, pixels.baseAddress, pixels.count, data, length, message, capacity)
        }
    }

    /// Runs an encoder and copies its malloc'd output into an array, freeing the C buffer.
    static func collect(
        _ encode: (
            UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>, UnsafeMutablePointer<CChar>,
            Int
        ) -> cimaging_status
    ) throws(ImagingError) -> [UInt8] {
        var data: UnsafeMutablePointer<UInt8>?
        var length = 0
        let call = CodecCall { encode(&data, &length, $0, $1) }
        defer { cimaging_buffer_free(data) }
        if let error = call.encodeError {
            throw error
        }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }

    /// The sizes as C takes them; larger than 32 bits is necessarily over the pixel limit.
    private static func dimensions(_ width: Int, _ height: Int) throws(ImagingError) -> (UInt32, UInt32) {
        guard let cWidth = UInt32(exactly: width), let cHeight = UInt32(exactly: height),
            width * height <= RGBImage.maximumPixelCount
        else {
            throw .tooLarge(width: width, height: height)
        }
        return (cWidth, cHeight)
    }
}
