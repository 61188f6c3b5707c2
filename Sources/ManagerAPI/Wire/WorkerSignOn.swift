/// Body of `sign-on`: the worker's current name, abilities and version.
public struct WorkerSignOn: Codable, Hashable, Sendable, WireRequest {
    /// Display name; replaces the registered one.
    public var name: String
    /// Task types the worker can run; the Manager trims and lower-cases them.
    public var supportedTaskTypes: [String]
    /// Worker software version.
    public var softwareVersion: String
    /// Whether the worker honours a `restart` request; false when absent.
    public var canRestart: Bool?

    /// Creates a value from its fields; optional ones default to absent.
    public init(name: String, supportedTaskTypes: [String], softwareVersion: String, canRestart: Bool? = nil) {
        self.name = name
        self.supportedTaskTypes = supportedTaskTypes
        self.softwareVersion = softwareVersion
        self.canRestart = canRestart
    }

    /// Rejects an empty name.
    public func validate() throws(WireValidationError) {
        try WireValidation.requireNonEmpty(name, field: "name")
    }

    enum CodingKeys: String, CodingKey {
        case name
        case supportedTaskTypes = "supported_task_types"
        case softwareVersion = "software_version"
        case canRestart = "can_restart"
    }
}
