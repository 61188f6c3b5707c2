import Imaging
import Testing

@Suite struct ResizingTests {
    @Test(arguments: [
        (4000, 1000, 1920, 1080, 1920, 480),
        (1000, 4000, 1920, 1080, 270, 1080),
        (1920, 1080, 600, 338, 600, 337),
        (600, 337, 200, 112, 199, 112),
        (5000, 3, 200, 112, 200, 1),
        (100, 50, 200, 112, 100, 50),
        (1920, 1080, 1920, 1080, 1920, 1080),
    ])
    func fitsInsideTheBoxWithFlamencoRounding(size: (Int, Int, Int, Int, Int, Int)) throws {
        let image = TestImages.solid(width: size.0, height: size.1, 1, 2, 3)
        let resized = try image.resizedToFit(width: size.2, height: size.3)
        #expect(resized.width == size.4 && resized.height == size.5)
    }

    @Test func neverUpscalesAndCopiesUnchangedPixels() throws {
        let image = TestImages.gradient(width: 100, height: 50)
        #expect(try image.resizedToFit(width: 1920, height: 1080) == image)
    }

    @Test func uniformColourSurvivesAreaAveraging() throws {
        let resized = try TestImages.solid(width: 333, height: 217, 10, 200, 30).resizedToFit(width: 120, height: 120)
        #expect(resized.width == 120 && resized.height == 78)
        #expect(resized.maximumDifference(from: (10, 200, 30)) == 0)
    }

    @Test func averagesTheCoveredAreaIncludingPartialPixels() throws {
        let stripes = RGBImage(width: 4, height: 2, pixels: [0, 255, 0, 255, 0, 255, 0, 255].flatMap { [$0, $0, $0] })
        #expect(try stripes.resizedToFit(width: 2, height: 2).pixels == Array(repeating: 128, count: 6))
        // Each output pixel covers 1.5 source pixels: one black and half of the white middle one.
        let thirds = RGBImage(width: 3, height: 1, pixels: [0, 0, 0, 255, 255, 255, 0, 0, 0])
        #expect(try thirds.resizedToFit(width: 2, height: 1).pixels == Array(repeating: 85, count: 6))
    }

    @Test func keepsTheMeanOfAGradient() throws {
        let image = TestImages.gradient(width: 401, height: 199)
        let resized = try image.resizedToFit(width: 57, height: 57)
        #expect(resized.width == 57 && resized.height == 28)
        for channel in 0..<3 {
            #expect(abs(mean(image, channel) - mean(resized, channel)) < 1.5)
        }
    }

    private func mean(_ image: RGBImage, _ channel: Int) -> Double {
        let samples = stride(from: channel, to: image.pixels.count, by: 3).map { Double(image.pixels[$0]) }
        return samples.reduce(0, +) / Double(samples.count)
    }
}
