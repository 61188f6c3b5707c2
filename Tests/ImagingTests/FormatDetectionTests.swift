import CImaging
import Imaging
import Testing

@Suite struct FormatDetectionTests {
    @Test func recognisesPNGAndJPEGSignatures() throws {
        let image = TestImages.gradient(width: 8, height: 8)
        #expect(detectFormat(try image.pngEncoded()) == .png)
        #expect(detectFormat(try image.jpegEncoded()) == .jpeg)
    }

    @Test(
        arguments: [
            [],
            [0xFF, 0xD8],
            Array("GIF89a".utf8),
            Array("\u{89}PNG".utf8),
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A],
        ] as [[UInt8]]
    )
    func rejectsShortOrForeignSignatures(bytes: [UInt8]) {
        #expect(detectFormat(bytes) == nil)
    }

    @Test func pngBytesLabelledAsJPEGStillDecode() throws {
        // Workers send a Content-Type, but the Manager trusts only the bytes (protocol.md §3.9).
        let png = try TestImages.gradient(width: 40, height: 20).pngEncoded()
        #expect(ImageFormat.jpeg.mediaType == "image/jpeg")
        #expect(detectFormat(png) == .png)
        let thumbnails = try Thumbnailer().makeThumbnails(from: png)
        #expect(thumbnails.map(\.width) == [40, 40, 40])
        #expect(thumbnails.allSatisfy { detectFormat($0.jpegData) == .jpeg })
    }

    @Test func acceptsNonContiguousCollections() throws {
        let png = try TestImages.gradient(width: 5, height: 3).pngEncoded()
        let image = try RGBImage(decoding: png.lazy.map { $0 })
        #expect(image == TestImages.gradient(width: 5, height: 3))
    }
}
