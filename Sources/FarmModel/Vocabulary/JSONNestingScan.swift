/// Finds how deeply a JSON text nests arrays and objects, in one pass over its bytes and before any decoder runs.
///
/// `JSONDecoder` accepts 512 levels, and decoding ``JSONValue`` that deep costs time quadratic in the depth; request
/// bodies are scanned first so deeper-than-needed nesting is refused cheaply, naming where it happens.
public enum JSONNestingScan {
    /// Where the nesting first went past the limit: the object keys on the way there (array positions left out).
    public struct TooDeep: Error, Sendable, Hashable {
        /// Keys from the outermost object inwards, e.g. `["settings", "bomb"]`.
        public let keyPath: [String]
        /// The limit that was passed.
        public let limit: Int

        /// Creates a finding.
        public init(keyPath: [String], limit: Int) {
            self.keyPath = keyPath
            self.limit = limit
        }

        /// The key path as `settings.bomb`, or `the body` at the top.
        public var field: String { keyPath.isEmpty ? "the body" : keyPath.joined(separator: ".") }
    }

    /// Throws when `bytes` nests arrays and objects more than `limit` levels deep; malformed JSON is left to the
    /// decoder (the scan only counts brackets outside strings).
    public static func check(_ bytes: some Sequence<UInt8>, limit: Int) throws(TooDeep) {
        // One entry per open container: nil for an array, else the object's most recent key.
        var keys: [String?] = []
        var inString = false
        var escaped = false
        var stringBytes: [UInt8] = []
        var expectingKey = false
        var lastString: String?
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                    if stringBytes.count < 64 { stringBytes.append(byte) }
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    lastString = String(decoding: stringBytes, as: UTF8.self)
                } else if stringBytes.count < 64 {
                    stringBytes.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                stringBytes.removeAll(keepingCapacity: true)
            case UInt8(ascii: ":"):
                if expectingKey, !keys.isEmpty, keys[keys.count - 1] != nil { keys[keys.count - 1] = lastString }
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = keys.last.map { $0 != nil } ?? false
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if keys.count >= limit {
                    throw TooDeep(keyPath: keys.compactMap { $0 }.filter { !$0.isEmpty }, limit: limit)
                }
                let isObject = byte == UInt8(ascii: "{")
                keys.append(isObject ? "" : nil)
                expectingKey = isObject
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !keys.isEmpty { keys.removeLast() }
                expectingKey = false
            default:
                break
            }
        }
    }
}
