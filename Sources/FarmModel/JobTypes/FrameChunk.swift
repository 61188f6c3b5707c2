/// A group of consecutive frames of a `FrameList` that one render task renders (protocol.md §10.1.2).
struct FrameChunk: Sendable, Hashable {
    /// The chunk's frames, ascending.
    let frames: ArraySlice<Int>
    /// The compact name: runs of three or more consecutive frames as `A-B`, other frames one by one,
    /// joined by commas (`1-3`, `7`, `4,5`, `1-3,5`).
    let name: String

    /// Creates a chunk of ascending frames.
    init(frames: ArraySlice<Int>) {
        self.frames = frames
        self.name = Self.compactName(of: frames)
    }

    /// Splits frames into groups of `size` (the last may be shorter); `size` must be at least 1.
    static func chunks(of frames: [Int], size: Int) -> [FrameChunk] {
        precondition(size >= 1, "chunk size must be at least 1")
        return stride(from: 0, to: frames.count, by: size).map { start in
            FrameChunk(frames: frames[start..<min(start + size, frames.count)])
        }
    }

    private static func compactName(of frames: ArraySlice<Int>) -> String {
        var parts: [String] = []
        var runStart = frames.startIndex
        while runStart < frames.endIndex {
            var runEnd = runStart + 1
            while runEnd < frames.endIndex && frames[runEnd] == frames[runEnd - 1] + 1 { runEnd += 1 }
            if runEnd - runStart >= 3 {
                parts.append("\(frames[runStart])-\(frames[runEnd - 1])")
            } else {
                parts.append(contentsOf: frames[runStart..<runEnd].map { String($0) })
            }
            runStart = runEnd
        }
        return parts.joined(separator: ",")
    }

    /// The name in Blender's `--render-frame` syntax, where ranges use `..`.
    var blenderFrameArgument: String {
        name.split(separator: "-", omittingEmptySubsequences: false).joined(separator: "..")
    }
}
