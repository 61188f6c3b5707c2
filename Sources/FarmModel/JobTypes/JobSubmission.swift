/// The part of a submitted job that a job type compiles (protocol.md §10.1 `SubmittedJob`).
public struct JobSubmission: Sendable, Hashable {
    /// The job's name.
    public var name: String
    /// The job type name, e.g. `echo-sleep-test`.
    public var type: String
    /// The job's priority (50 when the client leaves it out).
    public var priority: Int
    /// The free-form settings object the job type interprets.
    public var settings: [String: JSONValue]
    /// Free-form string metadata, stored as given.
    public var metadata: [String: String]

    /// Creates a submission.
    public init(
        name: String,
        type: String,
        priority: Int = 50,
        settings: [String: JSONValue] = [:],
        metadata: [String: String] = [:]
    ) {
        self.name = name
        self.type = type
        self.priority = priority
        self.settings = settings
        self.metadata = metadata
    }
}
