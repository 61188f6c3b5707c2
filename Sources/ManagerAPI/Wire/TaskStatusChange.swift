import FarmModel

/// Body of `set_task_status`.
public struct TaskStatusChange: Codable, Hashable, Sendable, WireRequest {
    /// Requested task status.
    public var status: TaskStatus
    /// Why; becomes the task's activity.
    public var reason: String

    /// Creates a value from its fields; optional ones default to absent.
    public init(status: TaskStatus, reason: String) {
        self.status = status
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case status
        case reason
    }
}
