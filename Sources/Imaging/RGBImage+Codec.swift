extension RGBImage {
    /// Decodes PNG or JPEG bytes, recognising the format from the bytes rather than any declared type.
    ///
    /// Alpha is composited on black; 16-bit samples are scaled to 8 bits; palette, gray and CMYK become RGB.
    public init(decoding bytes: some Collection<UInt8>) throws(ImagingError) {
        let native = try bytes.withContiguousBuffer(NativeImage.decoding).get()
        self.init(width: native.width, height: native.height, pixels: Array(native.pixels))
    }

    /// A copy scaled down to fit inside `maxWidth`×`maxHeight`, keeping the aspect ratio and never upscaling.
    ///
    /// The constrained side fills the box and the other is rounded down, as in Flamenco; pixels are area averages.
    public func resizedToFit(width maxWidth: Int, height maxHeight: Int) throws(ImagingError) -> RGBImage {
        let resized = try pixels.withUnsafeBufferPointer { (buffer) throws(ImagingError) in
            try PixelCodec.resize(buffer, width: width, height: height, maxWidth: maxWidth, maxHeight: maxHeight)
        }
        return RGBImage(width: resized.width, height: resized.height, pixels: Array(resized.pixels))
    }

    /// The image as a baseline JPEG at `quality` (1–100; traps outside).
    public func jpegEncoded(quality: Int = Thumbnailer.defaultQuality) throws(ImagingError) -> [UInt8] {
        try pixels.withUnsafeBufferPointer { (buffer) throws(ImagingError) in
            try PixelCodec.encodeJPEG(buffer, width: width, height: height, quality: quality)
        }
    }

    /// The image as an 8-bit RGB PNG, e.g. for fake renderers and tests.
    public func pngEncoded() throws(ImagingError) -> [UInt8] {
        try pixels.withUnsafeBufferPointer { (buffer) throws(ImagingError) in
            try PixelCodec.encodePNG(buffer, width: width, height: height)
        }
    }
}
