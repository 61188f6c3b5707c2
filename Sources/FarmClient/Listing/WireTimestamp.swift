import Foundation

/// Reads the Manager's RFC 3339 timestamps, whose fraction may have up to nine digits or be absent.
enum WireTimestamp {
    /// The moment `text` names, to the second; `nil` when it is not RFC 3339.
    static func date(from text: String) -> Date? {
        var whole = text
        if let dot = text.firstIndex(of: ".") {
            let digitsEnd = text[text.index(after: dot)...].firstIndex { !$0.isNumber } ?? text.endIndex
            whole = String(text[..<dot] + text[digitsEnd...])
        }
        return ISO8601DateFormatter().date(from: whole)
    }
}
