import FarmModel

/// Body of a task update from its worker; every property is optional.
public struct TaskUpdate: Codable, Hashable, Sendable, WireRequest {
    /// New task status (camelCase key). `soft-failed` is refused by the handler, after the task checks.
    public var taskStatus: TaskStatus?
    /// One line on what the task is doing; replaces the previous one.
    public var activity: String?
    /// Text appended to the task log.
    public var log: String?
    /// Absolute number of steps done (snake_case key); clamped to the task's total.
    public var stepsCompleted: Int?

    /// Creates a value from its fields; optional ones default to absent.
    public init(
        taskStatus: TaskStatus? = nil,
        activity: String? = nil,
        log: String? = nil,
        stepsCompleted: Int? = nil
    ) {
        self.taskStatus = taskStatus
        self.activity = activity
        self.log = log
        self.stepsCompleted = stepsCompleted
    }

    /// Rejects a negative `steps_completed`; `soft-failed` is left to the handler, which must check the task first.
    public func validate() throws(WireValidationError) {
        if let stepsCompleted { try WireValidation.requireMinimum(stepsCompleted, 0, field: "steps_completed") }
    }

    enum CodingKeys: String, CodingKey {
        case taskStatus
        case activity
        case log
        case stepsCompleted = "steps_completed"
    }
}
