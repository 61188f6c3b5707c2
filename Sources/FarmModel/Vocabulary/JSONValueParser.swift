/// A direct UTF-8 JSON parser into ``JSONValue``.
///
/// `JSONValue`'s `Decodable` conformance has to probe each value's type by trying decodes that throw, which makes
/// it the costliest part of reading stored commands on every task assignment; this reads each byte once.
/// A number whose value is a whole number that fits in `Int64` becomes `.int` (`1e3` and `1.0` too), every other
/// number `.double`, exactly as `JSONDecoder` reads `JSONValue`. Stricter than `JSONDecoder` in one way: trailing
/// commas are refused (RFC 8259); stored JSON never has them.
public struct JSONValueParser {
    /// A malformed document, with the byte offset where parsing stopped.
    public struct Malformed: Error, Equatable {
        /// Offset of the offending byte.
        public let offset: Int
    }

    /// Parses one JSON document (surrounding whitespace allowed).
    public static func parse(_ text: String) throws(Malformed) -> JSONValue {
        var text = text
        return try text.withUTF8 { bytes in
            Result { () throws(Malformed) -> JSONValue in
                var parser = JSONValueParser(bytes: bytes)
                let value = try parser.value(depth: 0)
                parser.skipWhitespace()
                guard parser.offset == bytes.count else { throw Malformed(offset: parser.offset) }
                return value
            }
        }.get()
    }

    /// Nesting beyond this is refused rather than risking the stack.
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { offset += 1 }
    }

    private mutating func expect(_ literal: StaticString, _ value: JSONValue) throws(Malformed) -> JSONValue {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw Malformed(offset: offset) }
        for index in 0..<count where bytes[offset + index] != literal.utf8Start[index] {
            throw Malformed(offset: offset + index)
        }
        offset += count
        return value
    }

    private mutating func value(depth: Int) throws(Malformed) -> JSONValue {
        skipWhitespace()
        guard let byte = current, depth < Self.maximumDepth else { throw Malformed(offset: offset) }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        default: return try number()
        }
    }

    private mutating func object(depth: Int) throws(Malformed) -> JSONValue {
        offset += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw Malformed(offset: offset) }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw Malformed(offset: offset) }
            offset += 1
            members[key] = try value(depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                return .object(members)
            default: throw Malformed(offset: offset)
            }
        }
    }

    private mutating func array(depth: Int) throws(Malformed) -> JSONValue {
        offset += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            offset += 1
            return .array(elements)
        }
        while true {
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                return .array(elements)
            default: throw Malformed(offset: offset)
            }
        }
    }

    private mutating func string() throws(Malformed) -> String {
        offset += 1
        let start = offset
        // Fast path: no escapes, copied in one piece.
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw Malformed(offset: offset) }
            offset += 1
        }
        guard let stop = current else { throw Malformed(offset: offset) }
        if stop == UInt8(ascii: "\"") {
            offset += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(offset - 1)]), as: UTF8.self)
        }
        var decoded = Array(bytes[start..<offset])
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                offset += 1
                try escape(into: &decoded)
            case ..<0x20:
                throw Malformed(offset: offset)
            default:
                decoded.append(byte)
                offset += 1
            }
        }
        throw Malformed(offset: offset)
    }

    private mutating func escape(into decoded: inout [UInt8]) throws(Malformed) {
        guard let byte = current else { throw Malformed(offset: offset) }
        offset += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u")
                else { throw Malformed(offset: offset) }
                offset += 2
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw Malformed(offset: offset) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw Malformed(offset: offset) }
            decoded.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw Malformed(offset: offset - 1)
        }
    }

    private mutating func hexQuad() throws(Malformed) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw Malformed(offset: offset) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Malformed(offset: offset)
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    /// RFC 8259 number grammar; whole values that fit become `.int`.
    private mutating func number() throws(Malformed) -> JSONValue {
        let start = offset
        if current == UInt8(ascii: "-") { offset += 1 }
        guard let first = current, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else {
            throw Malformed(offset: offset)
        }
        if first == UInt8(ascii: "0") { offset += 1 } else { skipDigits() }
        var isIntegral = true
        if current == UInt8(ascii: ".") {
            isIntegral = false
            offset += 1
            guard skipRequiredDigits() else { throw Malformed(offset: offset) }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isIntegral = false
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard skipRequiredDigits() else { throw Malformed(offset: offset) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        if isIntegral, let integer = Int64(text) { return .int(integer) }
        guard let double = Double(text), double.isFinite else { throw Malformed(offset: start) }
        if let integer = Int64(exactly: double) { return .int(integer) }
        return .double(double)
    }

    private mutating func skipDigits() {
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { offset += 1 }
    }

    /// Skips a run of digits; false when there was none.
    private mutating func skipRequiredDigits() -> Bool {
        let start = offset
        skipDigits()
        return offset > start
    }
}
