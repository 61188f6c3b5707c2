import CImaging

/// RGB pixels malloc'd by CImaging and freed on deinit.
///
/// Decoded renders (up to 100 megapixels, 300 MB) stay in the C buffer while they are resized, rather than being
/// copied into a Swift array. Not `Sendable`: an instance belongs to the one call that created it.
final class NativeImage {
    private var image: cimaging_image

    private init(_ image: cimaging_image) {
        self.image = image
    }

    deinit {
        cimaging_image_free(&image)
    }

    /// Columns of pixels.
    var width: Int { Int(image.width) }

    /// Rows of pixels.
    var height: Int { Int(image.height) }

    /// The RGB bytes, row by row; the pointer is valid only while `self` is alive.
    var pixels: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: image.pixels, count: width * height * 3)
    }

    /// Takes ownership of pixels returned by a successful CImaging call.
    static func adopting(_ image: cimaging_image) -> NativeImage {
        precondition(image.pixels != nil && image.width > 0 && image.height > 0, "CImaging returned no pixels")
        return NativeImage(image)
    }

    /// Decodes PNG or JPEG bytes, choosing the decoder from the bytes' signature.
    static func decoding(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<NativeImage, ImagingError> {
        guard let format = ImageFormat(cimaging_detect_format(bytes.baseAddress, bytes.count)) else {
            return .failure(.unsupportedFormat(leadingBytes: Array(bytes.prefix(8))))
        }
        var image = cimaging_image()
        let call = CodecCall { cimaging_decode(bytes.baseAddress, bytes.count, &image, $0, $1) }
        switch call.status {
        case CIMAGING_OK: return .success(adopting(image))
        case CIMAGING_ERROR_TOO_LARGE: return .failure(.tooLarge(width: Int(image.width), height: Int(image.height)))
        case CIMAGING_ERROR_OUT_OF_MEMORY: return .failure(.outOfMemory)
        default: return .failure(.decodeFailed(format: format, reason: call.message))
        }
    }

    /// A copy scaled down to fit inside `maxWidth`×`maxHeight` (see ``RGBImage/resizedToFit(width:height:)``).
    func resizedToFit(width maxWidth: Int, height maxHeight: Int) throws(ImagingError) -> NativeImage {
        try PixelCodec.resize(pixels, width: width, height: height, maxWidth: maxWidth, maxHeight: maxHeight)
    }

    /// The pixels encoded as a JPEG.
    func jpegEncoded(quality: Int) throws(ImagingError) -> [UInt8] {
        try PixelCodec.encodeJPEG(pixels, width: width, height: height, quality: quality)
    }
}
