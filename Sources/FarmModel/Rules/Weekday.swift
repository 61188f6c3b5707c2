/// A day of the week by its two-letter sleep-schedule name (protocol.md §5.5).
public enum Weekday: String, Sendable, Hashable, CaseIterable {
    case monday = "mo"
    case tuesday = "tu"
    case wednesday = "we"
    case thursday = "th"
    case friday = "fr"
    case saturday = "sa"
    case sunday = "su"

    /// The day for a Gregorian `Calendar` weekday number (1 = Sunday … 7 = Saturday).
    public init?(calendarWeekday: Int) {
        let sundayFirst: [Weekday] = [.sunday, .monday, .tuesday, .wednesday, .thursday, .friday, .saturday]
        guard (1...7).contains(calendarWeekday) else { return nil }
        self = sundayFirst[calendarWeekday - 1]
    }
}
