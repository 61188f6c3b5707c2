import Foundation

/// The text form of timestamps in the database: UTC `YYYY-MM-DD HH:MM:SS.SSS` (sorts and reads well in sqlite3).
///
/// Every task and worker read parses a few of these and every write formats one, on the database thread: both
/// directions are plain calendar arithmetic over UTF-8 bytes (no `String(format:)`, no libc time zone calls).
public enum Timestamp {
    /// Formats a date (millisecond precision, UTC).
    public static func string(from date: Date) -> String {
        let millisecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (days, millisecondOfDay) = millisecondsSinceEpoch.floorDividedWithRemainder(by: 86_400_000)
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: days)
        let secondOfDay = Int(millisecondOfDay / 1000)
        var bytes = [UInt8](repeating: 0, count: 23)
        func put(_ value: Int, at offset: Int, digits: Int) {
            var rest = value
            for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
        put(year, at: 0, digits: 4)
        put(month, at: 5, digits: 2)
        put(day, at: 8, digits: 2)
        put(secondOfDay / 3600, at: 11, digits: 2)
        put(secondOfDay / 60 % 60, at: 14, digits: 2)
        put(secondOfDay % 60, at: 17, digits: 2)
        put(Int(millisecondOfDay % 1000), at: 20, digits: 3)
        for (offset, separator) in [(4, "-"), (7, "-"), (10, " "), (13, ":"), (16, ":"), (19, ".")] as [(Int, Unicode.Scalar)] {
            bytes[offset] = UInt8(ascii: separator)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses the database form (seconds, optionally a fraction; `T` accepted for the space); nil for anything else.
    public static func date(from text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
                bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
                let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
                (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
            else { return nil }
            var fraction = 0.0
            if bytes.count > 19 {
                guard bytes[19] == UInt8(ascii: "."), bytes.count > 20, bytes.count <= 29,
                    let digits = number(bytes, 20, bytes.count - 20)
                else { return nil }
                fraction = Double(digits) / pow(10, Double(bytes.count - 20))
            }
            let days = CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)
            let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            return Date(timeIntervalSince1970: Double(seconds) + fraction)
        }
    }

    /// The decimal number in `count` ASCII digits at `offset`; nil if any byte is not a digit.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        var value = 0
        for index in offset..<(offset + count) {
            let digit = Int(bytes[index]) - Int(UInt8(ascii: "0"))
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}
