import CImaging
import Imaging
import Testing

@Suite struct PNGDecodingTests {
    @Test(arguments: [false, true])
    func rgbRoundTripsExactly(interlaced: Bool) throws {
        let image = TestImages.gradient(width: 37, height: 23)
        let png = try TestImages.png(
            width: 37,
            height: 23,
            color: CIMAGING_PNG_RGB,
            bitDepth: 8,
            samples: image.pixels,
            interlaced: interlaced
        )
        #expect(try RGBImage(decoding: png) == image)
    }

    @Test(arguments: [false, true])
    func sixteenBitSamplesScaleToEightBits(interlaced: Bool) throws {
        var generator = SplitMix64(seed: 16)
        let values = (0..<(9 * 7 * 3)).map { _ in UInt16.random(in: 0...UInt16.max, using: &generator) }
        let samples = values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let png = try TestImages.png(
            width: 9,
            height: 7,
            color: CIMAGING_PNG_RGB,
            bitDepth: 16,
            samples: samples,
            interlaced: interlaced
        )
        let decoded = try RGBImage(decoding: png)
        #expect(decoded.width == 9 && decoded.height == 7)
        for (sample, value) in zip(decoded.pixels, values) {
            #expect(abs(Int(sample) - Int(value) * 255 / 65535) <= 1)
        }
    }

    @Test(arguments: [1, 2, 4, 8])
    func paletteIndicesExpandToTheirColours(bitDepth: Int) throws {
        let palette: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 250, 200, 10]
        let count = bitDepth == 1 ? 2 : 4
        let indices = (0..<(11 * 5)).map { UInt8($0 % count) }
        let png = try TestImages.png(
            width: 11,
            height: 5,
            color: CIMAGING_PNG_PALETTE,
            bitDepth: bitDepth,
            samples: indices,
            palette: Array(palette.prefix(count * 3))
        )
        let decoded = try RGBImage(decoding: png)
        let expected = indices.flatMap { palette[Int($0) * 3..<Int($0) * 3 + 3] }
        #expect(decoded.pixels == expected)
    }

    @Test(arguments: [1, 2, 4, 8, 16])
    func grayExpandsToEqualChannels(bitDepth: Int) throws {
        let levels = bitDepth == 16 ? 256 : 1 << bitDepth
        let gray = (0..<(13 * 3)).map { $0 % levels }
        let samples = bitDepth == 16 ? gray.flatMap { [UInt8($0), UInt8($0)] } : gray.map { UInt8($0) }
        let png = try TestImages.png(
            width: 13,
            height: 3,
            color: CIMAGING_PNG_GRAY,
            bitDepth: bitDepth,
            samples: samples
        )
        let decoded = try RGBImage(decoding: png)
        for (index, level) in gray.enumerated() {
            // Scaled up to 8 bits (1-bit 1 → 255, 4-bit 15 → 255); 16-bit 0xNNNN → 0xNN.
            let expected = bitDepth >= 8 ? level : level * 255 / (levels - 1)
            #expect(decoded.pixels[index * 3..<index * 3 + 3].allSatisfy { Int($0) == expected })
        }
    }

    @Test(arguments: [false, true])
    func alphaIsCompositedOnBlack(interlaced: Bool) throws {
        let rgba: [UInt8] = [200, 100, 50, 128, 10, 20, 30, 255, 255, 255, 255, 0, 90, 180, 240, 64]
        let png = try TestImages.png(
            width: 2,
            height: 2,
            color: CIMAGING_PNG_RGBA,
            bitDepth: 8,
            samples: rgba,
            interlaced: interlaced
        )
        let decoded = try RGBImage(decoding: png)
        #expect(decoded.pixels == [100, 50, 25, 10, 20, 30, 0, 0, 0, 23, 45, 60])
    }

    @Test func grayAlphaIsCompositedOnBlack() throws {
        let sixteenBit: [UInt8] = [0xC8, 0xC8, 0xFF, 0xFF, 0xFF, 0xFF, 0x80, 0x80]
        let png16 = try TestImages.png(
            width: 2,
            height: 1,
            color: CIMAGING_PNG_GRAY_ALPHA,
            bitDepth: 16,
            samples: sixteenBit
        )
        #expect(try RGBImage(decoding: png16).pixels == [200, 200, 200, 128, 128, 128])
        let png8 = try TestImages.png(
            width: 1,
            height: 1,
            color: CIMAGING_PNG_GRAY_ALPHA,
            bitDepth: 8,
            samples: [255, 51]
        )
        #expect(try RGBImage(decoding: png8).pixels == [51, 51, 51])
    }

    @Test func encoderRejectsSamplesThatDoNotFitTheDepth() {
        var data: UnsafeMutablePointer<UInt8>?
        var length = 0
        var spec = cimaging_png_spec()
        spec.width = 2
        spec.height = 1
        spec.color = CIMAGING_PNG_GRAY
        spec.bit_depth = 2
        let status = cimaging_encode_png(&spec, [0, 4] as [UInt8], 2, &data, &length, nil, 0)
        #expect(status == CIMAGING_ERROR_INVALID_ARGUMENT)
        #expect(data == nil)
    }
}
