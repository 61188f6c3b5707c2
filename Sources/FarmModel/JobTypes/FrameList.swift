/// The frames a `frames` setting names: sorted ascending, without duplicates (protocol.md §10.1.2 step 3).
///
/// Syntax: comma-separated items, each `N`, `A-B` or `A..B` (inclusive, A ≤ B), with non-negative
/// integers; whitespace anywhere is ignored and empty items are skipped. Blender's negative frame
/// numbers are not supported, as in Flamenco (`-5-3` would be ambiguous).
struct FrameList: Sendable, Hashable {
    /// The frames, ascending and distinct.
    let frames: [Int]

    /// Why a `frames` text was rejected.
    enum ParseError: Error, Sendable, Hashable {
        case invalidItem(String)
        case reversedRange(String)
        case empty
        case tooManyFrames(limit: Int)

        /// A phrase for `JobCompileError.invalidValue`.
        var reason: String {
            switch self {
            case .invalidItem(let item): "\"\(item)\" is not a frame number or range"
            case .reversedRange(let item): "range \"\(item)\" ends before it starts"
            case .empty: "no frames given"
            case .tooManyFrames(let limit): "more than \(limit) frames"
            }
        }
    }

    /// Parses and expands a frame-range text, in time linear in its length and frame count.
    init(parsing text: String, limit: Int = JobCompileLimits.maximumFrameCount) throws(ParseError) {
        let compact = String(text.unicodeScalars.filter { !$0.properties.isWhitespace })
        var ranges: [ClosedRange<Int>] = []
        for item in compact.split(separator: ",", omittingEmptySubsequences: true) {
            ranges.append(try Self.range(of: item))
        }
        guard !ranges.isEmpty else { throw .empty }

        // Merging overlapping ranges first bounds the work by the number of distinct frames.
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Int>] = []
        var count = 0
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                if range.upperBound > last.upperBound {
                    count += range.upperBound - last.upperBound
                    merged[merged.count - 1] = last.lowerBound...range.upperBound
                }
            } else {
                // Both bounds are non-negative, so the subtraction cannot overflow.
                guard range.upperBound - range.lowerBound < limit else { throw .tooManyFrames(limit: limit) }
                count += range.upperBound - range.lowerBound + 1
                merged.append(range)
            }
            guard count <= limit else { throw .tooManyFrames(limit: limit) }
        }
        var frames: [Int] = []
        frames.reserveCapacity(count)
        for range in merged { frames.append(contentsOf: range) }
        self.frames = frames
    }

    private static func range(of item: Substring) throws(ParseError) -> ClosedRange<Int> {
        let bounds: [Substring]
        if let dots = item.firstRange(of: "..") {
            bounds = [item[..<dots.lowerBound], item[dots.upperBound...]]
        } else {
            bounds = item.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        }
        guard let first = frameNumber(bounds[0]), let last = bounds.count == 2 ? frameNumber(bounds[1]) : first else {
            throw .invalidItem(String(item))
        }
        guard first <= last else { throw .reversedRange(String(item)) }
        return first...last
    }

    /// A run of ASCII digits that fits an `Int`; signs and other characters are rejected.
    private static func frameNumber(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return Int(text)
    }
}
