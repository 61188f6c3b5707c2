import Foundation

/// The `{timestamp}` text of a job: its creation time in a given time zone, as `YYYY-MM-DD_HHMMSS`.
enum JobTimestamp {
    /// Formats a time in a time zone; zero-padded, Gregorian calendar, 24-hour clock.
    static func text(for date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.year, 4))-\(padded(parts.month, 2))-\(padded(parts.day, 2))_"
            + "\(padded(parts.hour, 2))\(padded(parts.minute, 2))\(padded(parts.second, 2))"
    }
}
