/// A task's status on the wire and in the database (protocol.md §4.9, §6.1).
public enum TaskStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case queued, active, completed, failed
    case softFailed = "soft-failed"
    case paused, canceled

    /// Whether the scheduler may hand out a task in this status (protocol.md §7.1 #1).
    public var isSchedulable: Bool { self == .queued || self == .softFailed }
}
