import Foundation

/// The text form of timestamps in the database: UTC `YYYY-MM-DD HH:MM:SS.SSS` (sorts and reads well in sqlite3).
public enum Timestamp {
    /// Formats a date (millisecond precision, UTC).
    public static func string(from date: Date) -> String {
        let millisecondsSinceEpoch = (date.timeIntervalSince1970 * 1000).rounded(.down)
        let seconds = Int64((millisecondsSinceEpoch / 1000).rounded(.down))
        let milliseconds = Int(millisecondsSinceEpoch - Double(seconds) * 1000)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d.%03d",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), milliseconds)
    }

    /// Parses the database form; nil for anything else.
    public static func date(from text: String) -> Date? {
        let fields = text.split(whereSeparator: { "- :.".contains($0) }).compactMap { Int($0) }
        guard fields.count >= 6 else { return nil }
        var parts = tm()
        parts.tm_year = Int32(fields[0] - 1900)
        parts.tm_mon = Int32(fields[1] - 1)
        parts.tm_mday = Int32(fields[2])
        parts.tm_hour = Int32(fields[3])
        parts.tm_min = Int32(fields[4])
        parts.tm_sec = Int32(fields[5])
        let seconds = timegm(&parts)
        let milliseconds = fields.count > 6 ? Double(fields[6]) : 0
        return Date(timeIntervalSince1970: Double(seconds) + milliseconds / 1000)
    }
}
