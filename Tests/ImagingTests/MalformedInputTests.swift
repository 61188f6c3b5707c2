import Imaging
import Testing

@Suite struct MalformedInputTests {
    @Test func emptyInputIsUnsupported() {
        #expect(throws: ImagingError.unsupportedFormat(leadingBytes: [])) {
            try Thumbnailer().makeThumbnails(from: [UInt8]())
        }
    }

    @Test func foreignBytesAreUnsupportedAndReported() {
        let gif = Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8)
        #expect(throws: ImagingError.unsupportedFormat(leadingBytes: Array(gif.prefix(8)))) {
            try RGBImage(decoding: gif)
        }
    }

    @Test(arguments: [ImageFormat.png, .jpeg])
    func signatureFollowedByGarbageFailsToDecode(format: ImageFormat) throws {
        var generator = SplitMix64(seed: 7)
        let signature: [UInt8] =
            format == .png ? [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] : [0xFF, 0xD8, 0xFF]
        let bytes = signature + (0..<500).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let error = try #require(throws: ImagingError.self) { try RGBImage(decoding: bytes) }
        guard case .decodeFailed(let failedFormat, let reason) = error else {
            Issue.record("expected decodeFailed, got \(error)")
            return
        }
        #expect(failedFormat == format)
        #expect(!reason.isEmpty)
    }

    @Test func everyTruncatedPNGThrows() throws {
        let png = try TestImages.gradient(width: 24, height: 16).pngEncoded()
        for length in 0..<png.count {
            #expect(throws: ImagingError.self, "truncated to \(length) bytes") {
                try RGBImage(decoding: png.prefix(length))
            }
        }
    }

    @Test func everyTruncatedJPEGThrows() throws {
        let jpeg = try TestImages.gradient(width: 24, height: 16).jpegEncoded()
        for length in 0..<jpeg.count {
            #expect(throws: ImagingError.self, "truncated to \(length) bytes") {
                try RGBImage(decoding: jpeg.prefix(length))
            }
        }
    }

    @Test func oversizedPNGHeaderIsRejectedBeforeDecoding() throws {
        let png = try TestImages.gradient(width: 4, height: 4).pngEncoded()
        let bomb = ByteSurgery.settingPNGDimensions(png, width: 20000, height: 20000)
        #expect(throws: ImagingError.tooLarge(width: 20000, height: 20000)) { try RGBImage(decoding: bomb) }
    }

    @Test func oversizedJPEGHeaderIsRejectedBeforeDecoding() throws {
        let jpeg = try TestImages.gradient(width: 4, height: 4).jpegEncoded()
        let bomb = try #require(ByteSurgery.settingJPEGDimensions(jpeg, width: 20000, height: 20000))
        #expect(throws: ImagingError.tooLarge(width: 20000, height: 20000)) {
            try Thumbnailer().makeThumbnails(from: bomb)
        }
    }

    @Test func zeroSizedJPEGHeaderFailsToDecode() throws {
        let jpeg = try TestImages.gradient(width: 4, height: 4).jpegEncoded()
        let empty = try #require(ByteSurgery.settingJPEGDimensions(jpeg, width: 0, height: 4))
        let error = try #require(throws: ImagingError.self) { try RGBImage(decoding: empty) }
        #expect(error != .tooLarge(width: 0, height: 4))
    }
}
