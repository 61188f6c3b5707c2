/// Splits output bytes into lines (worker-agent.md §4.3): `\n` ends a line, and so does `\r` (progress lines such
/// as FFmpeg's, which would otherwise reach the task log with stray carriage returns); `\r\n` is one line end, a
/// lone `\r` with nothing before it gives no empty line. A longer line comes out in pieces of at most 40 960 bytes
/// that never cut a UTF-8 sequence.
struct LineSplitter {
    /// Longest piece delivered as one line.
    static let maximumPiece = 40_960

    private var pending: [UInt8] = []
    /// The previous byte was a `\r`, so a `\n` right after it ends nothing more.
    private var afterCarriageReturn = false

    /// Adds bytes; returns the complete lines (and over-long pieces) they finish.
    mutating func append(_ bytes: some Collection<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            defer { afterCarriageReturn = byte == UInt8(ascii: "\r") }
            if byte == UInt8(ascii: "\n") {
                if afterCarriageReturn { continue }
                lines.append(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
            } else if byte == UInt8(ascii: "\r") {
                if !pending.isEmpty { lines.append(String(decoding: pending, as: UTF8.self)) }
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
                if pending.count >= Self.maximumPiece { lines.append(takePiece()) }
            }
        }
        return lines
    }

    /// The unterminated rest at end-of-file, if any.
    mutating func finish() -> [String] {
        guard !pending.isEmpty else { return [] }
        defer { pending.removeAll() }
        return [String(decoding: pending, as: UTF8.self)]
    }

    /// Takes a full piece, leaving an incomplete trailing UTF-8 sequence for the next one.
    private mutating func takePiece() -> String {
        var cut = pending.count
        var back = 0
        while back < 4, cut - back - 1 >= 0 {
            let byte = pending[cut - back - 1]
            if byte & 0xC0 == 0x80 {
                back += 1
                continue
            }
            if byte & 0x80 != 0 {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if length > back + 1 { cut -= back + 1 }
            }
            break
        }
        let piece = String(decoding: pending[0..<cut], as: UTF8.self)
        pending.removeFirst(cut)
        return piece
    }
}
