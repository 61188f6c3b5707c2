/// What the user asked to submit, before it is checked against the Manager's job types.
public struct JobOrder: Sendable {
    /// Job type name.
    public var type: String
    /// Job name.
    public var name: String
    /// Job priority.
    public var priority: Int
    /// `--setting key=value` arguments, as typed.
    public var settingArguments: [String]
    /// Free-form metadata stored with the job.
    public var metadata: [String: String]

    /// Creates an order from its fields.
    public init(
        type: String, name: String, priority: Int = 50, settingArguments: [String] = [], metadata: [String: String] = [:]
    ) {
        self.type = type
        self.name = name
        self.priority = priority
        self.settingArguments = settingArguments
        self.metadata = metadata
    }

    /// `user.name` from `USER` (or `LOGNAME`), as the Blender add-on records who submitted.
    public static func defaultMetadata(environment: [String: String]) -> [String: String] {
        guard let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty else { return [:] }
        return ["user.name": user]
    }
}
