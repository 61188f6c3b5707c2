import CImaging
import Imaging
import Testing

@Suite struct JPEGDecodingTests {
    @Test func rgbRoundTripIsClose() throws {
        let image = TestImages.gradient(width: 64, height: 48)
        let jpeg = try image.jpegEncoded(quality: 95)
        #expect(jpeg.prefix(3) == [0xFF, 0xD8, 0xFF])
        #expect(jpeg.suffix(2) == [0xFF, 0xD9])
        let decoded = try RGBImage(decoding: jpeg)
        #expect(decoded.width == 64 && decoded.height == 48)
        #expect(decoded.meanAbsoluteDifference(from: image) < 2)
    }

    @Test func lowerQualityGivesSmallerFiles() throws {
        let image = TestImages.gradient(width: 64, height: 48)
        #expect(try image.jpegEncoded(quality: 30).count < image.jpegEncoded(quality: 95).count)
    }

    @Test func grayscaleDecodesToEqualChannels() throws {
        let gray = (0..<(16 * 8)).map { UInt8($0 * 2) }
        let jpeg = try TestImages.jpeg(width: 16, height: 8, color: CIMAGING_JPEG_GRAY, samples: gray)
        let decoded = try RGBImage(decoding: jpeg)
        #expect(decoded.width == 16 && decoded.height == 8)
        for (index, level) in gray.enumerated() {
            let rgb = decoded.pixels[index * 3..<index * 3 + 3]
            #expect(Set(rgb).count == 1)
            #expect(abs(Int(rgb.first!) - Int(level)) <= 6)
        }
    }

    @Test func adobeCMYKConvertsToRGB() throws {
        // Inverted CMYK as Photoshop stores it: pure red is no cyan ink (255), full magenta and yellow (0), no black.
        let red: [UInt8] = [255, 0, 0, 255]
        let jpeg = try TestImages.jpeg(
            width: 16,
            height: 16,
            color: CIMAGING_JPEG_CMYK,
            samples: Array(repeating: red, count: 256).flatMap { $0 }
        )
        let decoded = try RGBImage(decoding: jpeg)
        #expect(decoded.maximumDifference(from: (255, 0, 0)) <= 4)
    }
}
