/// Body of `register-worker`: who the new worker is and the secret it chose.
public struct WorkerRegistration: Codable, Hashable, Sendable, WireRequest {
    /// Password invented by the worker; only a hash is stored.
    public var secret: String
    /// Operating system in Go `GOOS` style (`linux`, `windows`, `darwin`), used for variable expansion.
    public var platform: String
    /// Task types the worker can run, stored as given.
    public var supportedTaskTypes: [String]
    /// Display name.
    public var name: String

    /// Creates a value from its fields; optional ones default to absent.
    public init(secret: String, platform: String, supportedTaskTypes: [String], name: String) {
        self.secret = secret
        self.platform = platform
        self.supportedTaskTypes = supportedTaskTypes
        self.name = name
    }

    /// Rejects an empty secret, name or platform.
    public func validate() throws(WireValidationError) {
        try WireValidation.requireNonEmpty(secret, field: "secret")
        try WireValidation.requireNonEmpty(name, field: "name")
        try WireValidation.requireNonEmpty(platform, field: "platform")
    }

    enum CodingKeys: String, CodingKey {
        case secret
        case platform
        case supportedTaskTypes = "supported_task_types"
        case name
    }
}
