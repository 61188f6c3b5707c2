/// `TaskUpdate` (protocol.md §4.7): only the fields that are set are encoded.
public struct TaskUpdate: Encodable, Sendable, Equatable {
    public var taskStatus: String?
    public var activity: String?
    public var log: String?
    public var stepsCompleted: Int?

    enum CodingKeys: String, CodingKey {
        case taskStatus, activity, log
        case stepsCompleted = "steps_completed"
    }

    /// The first update of every task.
    static let started = TaskUpdate(taskStatus: "active", activity: "Started")
    /// All commands succeeded.
    static let completed = TaskUpdate(taskStatus: "completed", activity: "Completed")

    /// A command failed: the same text as activity and log (worker-agent.md §2.5).
    static func failed(_ reason: String) -> TaskUpdate {
        TaskUpdate(taskStatus: "failed", activity: "Failed: \(reason)", log: "Failed: \(reason)")
    }

    /// Absolute step count (worker-agent.md §2.3).
    static func progress(_ steps: Int) -> TaskUpdate { TaskUpdate(activity: "Progress", stepsCompleted: steps) }

    /// Log text only.
    static func logText(_ text: String) -> TaskUpdate { TaskUpdate(log: text) }
}
