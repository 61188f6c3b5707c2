import Imaging
import Testing

@Suite struct ThumbnailerTests {
    @Test func wideRenderGivesFlamencoFileNamesAndSizes() throws {
        let png = try TestImages.gradient(width: 4000, height: 1000).pngEncoded()
        let thumbnails = try Thumbnailer().makeThumbnails(from: png)
        #expect(
            thumbnails.map(\.fileName) == ["last-rendered.jpg", "last-rendered-small.jpg", "last-rendered-tiny.jpg"]
        )
        #expect(thumbnails.map { [$0.width, $0.height] } == [[1920, 480], [600, 150], [200, 50]])
        for thumbnail in thumbnails {
            let decoded = try RGBImage(decoding: thumbnail.jpegData)
            #expect(decoded.width == thumbnail.width && decoded.height == thumbnail.height)
        }
    }

    @Test func smallRenderIsNeverUpscaled() throws {
        let jpeg = try TestImages.gradient(width: 100, height: 50).jpegEncoded()
        let thumbnails = try Thumbnailer().makeThumbnails(from: jpeg)
        #expect(thumbnails.map { [$0.width, $0.height] } == [[100, 50], [100, 50], [100, 50]])
    }

    @Test func fullHDRenderDerivesEachThumbnailFromThePreviousOne() throws {
        let jpeg = try TestImages.gradient(width: 1920, height: 1080).jpegEncoded()
        let thumbnails = try Thumbnailer().makeThumbnails(from: jpeg)
        // 1920×1080 → 600×337 → 199×112: the tiny one is fitted from 600×337, not from the original.
        #expect(thumbnails.map { [$0.width, $0.height] } == [[1920, 1080], [600, 337], [199, 112]])
    }

    @Test func thumbnailsKeepTheColours() throws {
        let png = try TestImages.solid(width: 700, height: 300, 30, 140, 220).pngEncoded()
        let tiny = try #require(try Thumbnailer().makeThumbnails(from: png).last)
        #expect(try RGBImage(decoding: tiny.jpegData).maximumDifference(from: (30, 140, 220)) <= 4)
    }

    @Test func customSpecsAndQualityAreHonoured() throws {
        let png = try TestImages.gradient(width: 300, height: 300).pngEncoded()
        let spec = ThumbnailSpec(fileName: "square.jpg", maxWidth: 64, maxHeight: 64)
        let low = try Thumbnailer(specs: [spec], quality: 20).makeThumbnails(from: png)
        let high = try Thumbnailer(specs: [spec], quality: 100).makeThumbnails(from: png)
        #expect(low.map(\.fileName) == ["square.jpg"])
        #expect(low.first?.width == 64 && low.first?.height == 64)
        #expect(try #require(low.first).jpegData.count < #require(high.first).jpegData.count)
    }
}
