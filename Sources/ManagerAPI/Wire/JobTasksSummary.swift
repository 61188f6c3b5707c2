/// Answer to `fetch_job_tasks`: the tasks of one job, unordered.
public struct JobTasksSummary: Codable, Hashable, Sendable {
    /// The tasks.
    public var tasks: [TaskSummary]

    /// Creates a value from its fields; optional ones default to absent.
    public init(tasks: [TaskSummary]) {
        self.tasks = tasks
    }

    enum CodingKeys: String, CodingKey {
        case tasks
    }
}
