/// Body of `set_job_priority`.
public struct JobPriorityChange: Codable, Hashable, Sendable, WireRequest {
    /// Priorities a user may give a job.
    public static let allowedPriorities: ClosedRange<Int> = 0...100

    /// New priority, 0 to 100.
    public var priority: Int

    /// Creates a value from its fields; optional ones default to absent.
    public init(priority: Int) {
        self.priority = priority
    }

    /// Rejects a priority outside ``allowedPriorities``.
    public func validate() throws(WireValidationError) {
        try WireValidation.requireRange(priority, Self.allowedPriorities, field: "priority")
    }

    enum CodingKeys: String, CodingKey {
        case priority
    }
}
