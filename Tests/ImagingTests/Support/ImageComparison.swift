import Imaging

extension RGBImage {
    /// The mean absolute difference per sample between two images of the same size.
    func meanAbsoluteDifference(from other: RGBImage) -> Double {
        precondition(width == other.width && height == other.height)
        let total = zip(pixels, other.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        return Double(total) / Double(pixels.count)
    }

    /// The largest difference between any sample and the given colour.
    func maximumDifference(from color: (UInt8, UInt8, UInt8)) -> Int {
        var worst = 0
        for index in stride(from: 0, to: pixels.count, by: 3) {
            worst = max(worst, abs(Int(pixels[index]) - Int(color.0)))
            worst = max(worst, abs(Int(pixels[index + 1]) - Int(color.1)))
            worst = max(worst, abs(Int(pixels[index + 2]) - Int(color.2)))
        }
        return worst
    }
}
