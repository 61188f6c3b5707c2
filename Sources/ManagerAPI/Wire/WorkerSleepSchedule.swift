/// Weekly window in which a worker is sent to sleep.
public struct WorkerSleepSchedule: Codable, Hashable, Sendable, WireRequest {
    /// Whether the schedule is applied.
    public var isActive: Bool
    /// Space-separated two-letter day names (`mo tu we th fr sa su`); empty means every day.
    public var daysOfWeek: String
    /// Start of the sleep window, `HH:MM` in the Manager's local time; empty means open.
    public var startTime: String
    /// End of the sleep window, `HH:MM`; empty means open.
    public var endTime: String

    /// Creates a value from its fields; optional ones default to absent.
    public init(isActive: Bool, daysOfWeek: String, startTime: String, endTime: String) {
        self.isActive = isActive
        self.daysOfWeek = daysOfWeek
        self.startTime = startTime
        self.endTime = endTime
    }

    enum CodingKeys: String, CodingKey {
        case isActive = "is_active"
        case daysOfWeek = "days_of_week"
        case startTime = "start_time"
        case endTime = "end_time"
    }
}
