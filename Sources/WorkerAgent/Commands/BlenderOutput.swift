import Foundation

/// What a line of Blender's output means to the worker (worker-agent.md §3.5.2); patterns count at the start of the
/// line (after any leading blanks: Blender 3.x and 4.x print ` Time: 00:00.43 (Saving: …)`) or right after
/// `render<spaces>|<spaces>` (Blender 5's logger).
struct BlenderOutput: Equatable {
    /// A frame was rendered or skipped: one step.
    var isFrameDone = false
    /// The path of a `Saved: '<path>'` line.
    var savedPath: String?

    init(line: String) {
        for candidate in Self.anchors(of: line) {
            if candidate.hasPrefix("Time: ") {
                let rest = candidate.dropFirst("Time: ".count)
                if let first = rest.first, first.isNumber || first == ":" || first == "." { isFrameDone = true }
            }
            if candidate.hasPrefix("Skipping existing frame") || candidate.hasPrefix("skipping existing frame") {
                isFrameDone = true
            }
            if candidate.hasPrefix("Saved: '") {
                let rest = candidate.dropFirst("Saved: '".count)
                if let end = rest.lastIndex(of: "'") { savedPath = String(rest[..<end]) }
            }
        }
    }

    /// The line without its leading blanks and, when present, the text after `render<spaces>|<spaces>`.
    private static func anchors(of line: String) -> [Substring] {
        var result = [line.drop { $0 == " " || $0 == "\t" }]
        if let render = line.range(of: "render") {
            let after = line[render.upperBound...].drop { $0 == " " }
            if after.first == "|" { result.append(after.dropFirst().drop { $0 == " " }) }
        }
        return result
    }
}
