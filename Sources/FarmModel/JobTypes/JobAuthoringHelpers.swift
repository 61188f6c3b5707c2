import Foundation

/// The native helpers that job-type scripts call (`frameChunker`, `frameCount`, `formatTimestampLocal`, `path.*`,
/// `shellSplit`), public so that scripted and built-in types chunk frames and build paths with the same code.
public enum JobAuthoringHelpers {
    /// Why a frame-range text or chunk size was refused; `reason` is a phrase such as `no frames given`.
    public struct FrameRangeError: Error, Sendable, Hashable {
        /// What is wrong with the input.
        public let reason: String
    }

    /// The chunks of `chunkSize` frames of a `frames` text, each named compactly (`1-3`, `4,5`, `1-3,5`),
    /// exactly as `simple-blender-render` names its render tasks.
    public static func frameChunks(_ frames: String, chunkSize: Int) throws(FrameRangeError) -> [String] {
        guard chunkSize >= 1 else { throw FrameRangeError(reason: "chunk size \(chunkSize) is less than 1") }
        return FrameChunk.chunks(of: try frameList(frames), size: chunkSize).map(\.name)
    }

    /// How many distinct frames a `frames` text names.
    public static func frameCount(_ frames: String) throws(FrameRangeError) -> Int {
        try frameList(frames).count
    }

    /// `YYYY-MM-DD_HHMMSS` in the given time zone, the text that replaces `{timestamp}` in render paths.
    public static func timestamp(_ date: Date, in timeZone: TimeZone) -> String {
        JobTimestamp.text(for: date, in: timeZone)
    }

    /// Joins path parts with `/` and removes duplicate and trailing slashes (backslashes become slashes first).
    public static func joinPath(_ parts: [String]) -> String {
        let joined = parts.filter { !$0.isEmpty }.map(RenderPath.toSlash).joined(separator: "/")
        return RenderPath.join(joined)
    }

    /// Everything before the last path component; `.` if there is none.
    public static func dirname(_ path: String) -> String { RenderPath.dirname(path) }

    /// The last path component.
    public static func basename(_ path: String) -> String { RenderPath.basename(path) }

    /// The last path component without its last extension.
    public static func stem(_ path: String) -> String { RenderPath.stem(path) }

    /// Splits a command line into words with POSIX shell quoting: whitespace separates, `'…'` is literal, `"…"`
    /// groups with `\` escaping `"`, `\`, `$` and a backtick, and `\` outside quotes escapes any character.
    /// Returns nil for an unterminated quote or a trailing backslash.
    public static func shellSplit(_ text: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            switch character {
            case " ", "\t", "\r", "\n":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "\\":
                guard let next = characters.popFirst() else { return nil }
                if next != "\n" { word.append(next) }
                inWord = true
            case "'":
                guard let end = characters.firstIndex(of: "'") else { return nil }
                word += String(characters[..<end])
                characters = characters[(end + 1)...]
                inWord = true
            case "\"":
                var closed = false
                while let next = characters.popFirst() {
                    if next == "\"" {
                        closed = true
                        break
                    }
                    if next == "\\", let escaped = characters.first, "\"\\$`\n".contains(escaped) {
                        characters.removeFirst()
                        if escaped != "\n" { word.append(escaped) }
                    } else {
                        word.append(next)
                    }
                }
                guard closed else { return nil }
                inWord = true
            default:
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    private static func frameList(_ frames: String) throws(FrameRangeError) -> [Int] {
        do {
            return try FrameList(parsing: frames).frames
        } catch {
            throw FrameRangeError(reason: error.reason)
        }
    }
}
