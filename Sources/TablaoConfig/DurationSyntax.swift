import Foundation
/// Durations in configuration: a number of seconds (`90`), or Go-style units (`90s`, `10m`, `1h30m`, `10m0s`).
enum DurationSyntax {
    static func parse(_ text: String) -> Duration? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text), seconds >= 0 { return .seconds(seconds) }
        var total: Duration = .zero
        var digits = ""
        var sawUnit = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isNumber {
                digits.append(character)
                index = text.index(after: index)
                continue
            }
            let unit: (String, Duration)
            switch character {
            case "m" where text[index...].hasPrefix("ms"): unit = ("ms", .milliseconds(1))
            case "s": unit = ("s", .seconds(1))
            case "m": unit = ("m", .seconds(60))
            case "h": unit = ("h", .seconds(3600))
            default: return nil
            }
            guard let value = Int(digits) else { return nil }
            total += unit.1 * value
            digits = ""
            sawUnit = true
            index = text.index(index, offsetBy: unit.0.count)
        }
        return sawUnit && digits.isEmpty ? total : nil
    }
}

/// `HOST:PORT` with a port 0–65535 (IPv6 hosts in brackets).
public enum ListenAddressSyntax {
    /// Splits `HOST:PORT`; nil when malformed.
    public static func split(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    static func isValid(_ text: String) -> Bool { split(text) != nil }
}
