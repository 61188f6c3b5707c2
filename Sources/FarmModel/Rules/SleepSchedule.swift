import Foundation

/// Why a sleep schedule cannot be saved.
public enum SleepScheduleError: Error, Sendable, Hashable {
    /// A word of `days_of_week` is not one of `mo tu we th fr sa su`.
    case invalidDay(String)
    /// A start or end time is not `HH:MM` within 00:00–23:59.
    case invalidTime(String)
}

/// A worker's sleep schedule as stored and sent on the wire (`WorkerSleepSchedule`, protocol.md §5.5).
public struct SleepSchedule: Sendable, Hashable {
    /// Whether the schedule is in force.
    public var isActive: Bool
    /// Space-separated two-letter day names; empty means every day.
    public var daysOfWeek: String
    /// Start of the sleep window (`HH:MM`, Manager local time); nil or empty = from midnight.
    public var startTime: String?
    /// End of the sleep window, exclusive; nil or empty = until midnight.
    public var endTime: String?

    /// Creates a schedule as given, without validation.
    public init(isActive: Bool, daysOfWeek: String, startTime: String?, endTime: String?) {
        self.isActive = isActive
        self.daysOfWeek = daysOfWeek
        self.startTime = startTime
        self.endTime = endTime
    }

    /// The listed days, validated; empty means every day.
    ///
    /// Names are matched case-insensitively and may be separated by any whitespace.
    public func parsedDays() throws(SleepScheduleError) -> Set<Weekday> {
        var days: Set<Weekday> = []
        for word in daysOfWeek.split(whereSeparator: \.isWhitespace) {
            guard let day = Weekday(rawValue: word.lowercased()) else { throw .invalidDay(String(word)) }
            days.insert(day)
        }
        return days
    }

    /// The schedule as saved: days in week order, times as `HH:MM`, and start/end swapped when start > end.
    public func normalized() throws(SleepScheduleError) -> SleepSchedule {
        let days = try parsedDays()
        var start = try Self.parseTime(startTime)
        var end = try Self.parseTime(endTime)
        if let first = start, let second = end, first > second {
            swap(&start, &end)
        }
        return SleepSchedule(
            isActive: isActive,
            daysOfWeek: Weekday.allCases.filter(days.contains).map(\.rawValue).joined(separator: " "),
            startTime: start?.text,
            endTime: end?.text
        )
    }

    /// Whether the schedule puts the worker to sleep at `date` in `timeZone` (the Manager's local zone).
    ///
    /// Asleep when active, today is listed (or no day is) and start ≤ now < end, a missing bound being open.
    /// An invalid schedule (never saved, since saving normalises) keeps the worker awake.
    public func isAsleep(at date: Date, in timeZone: TimeZone) -> Bool {
        guard isActive, let schedule = try? normalized(), let days = try? schedule.parsedDays() else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        guard let weekday = parts.weekday.flatMap(Weekday.init(calendarWeekday:)),
            let now = TimeOfDay(hour: parts.hour ?? 0, minute: parts.minute ?? 0)
        else { return false }
        if !days.isEmpty && !days.contains(weekday) { return false }
        if let start = schedule.startTime.flatMap(TimeOfDay.init(parsing:)), now < start { return false }
        if let end = schedule.endTime.flatMap(TimeOfDay.init(parsing:)), now >= end { return false }
        return true
    }

    /// The status the schedule wants at `date`: `asleep` inside the window, otherwise `awake`.
    public func scheduledStatus(at date: Date, in timeZone: TimeZone) -> WorkerStatus {
        isAsleep(at: date, in: timeZone) ? .asleep : .awake
    }

    /// Parses an optional time; nil and blank mean "no bound".
    private static func parseTime(_ text: String?) throws(SleepScheduleError) -> TimeOfDay? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        guard let time = TimeOfDay(parsing: trimmed) else { throw .invalidTime(text) }
        return time
    }
}
