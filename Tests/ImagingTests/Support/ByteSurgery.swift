/// Byte-level edits of encoded images for malformed-input and fuzz tests.
enum ByteSurgery {
    /// The PNG with every chunk's CRC recomputed, so a mutation reaches libpng's parsing instead of the CRC check.
    static func fixingPNGChecksums(_ png: [UInt8]) -> [UInt8] {
        var bytes = png
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            guard length <= bytes.count - offset - 12 else { break }
            let crc = crc32(bytes[offset + 4..<offset + 8 + length])
            for index in 0..<4 {
                bytes[offset + 8 + length + index] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * index))
            }
            offset += 12 + length
        }
        return bytes
    }

    /// The PNG with its IHDR claiming another size (and a valid CRC).
    static func settingPNGDimensions(_ png: [UInt8], width: UInt32, height: UInt32) -> [UInt8] {
        var bytes = png
        for index in 0..<4 {
            bytes[16 + index] = UInt8(truncatingIfNeeded: width >> (24 - 8 * index))
            bytes[20 + index] = UInt8(truncatingIfNeeded: height >> (24 - 8 * index))
        }
        return fixingPNGChecksums(bytes)
    }

    /// The baseline JPEG with its SOF0 frame header claiming another size.
    static func settingJPEGDimensions(_ jpeg: [UInt8], width: UInt16, height: UInt16) -> [UInt8]? {
        guard let marker = (2..<jpeg.count - 9).first(where: { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 }) else {
            return nil
        }
        var bytes = jpeg
        bytes[marker + 5] = UInt8(height >> 8)
        bytes[marker + 6] = UInt8(height & 0xFF)
        bytes[marker + 7] = UInt8(width >> 8)
        bytes[marker + 8] = UInt8(width & 0xFF)
        return bytes
    }

    /// CRC-32 as PNG uses it (ISO 3309, reflected polynomial 0xEDB88320).
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return ~crc
    }
}
