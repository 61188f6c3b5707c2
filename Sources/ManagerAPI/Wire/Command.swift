import FarmModel

/// One command of a task, run by the worker in order.
public struct Command: Codable, Hashable, Sendable {
    /// Worker command name such as `blender-render` or `sleep`.
    public var name: String
    /// Free-form parameters of the command.
    public var parameters: [String: JSONValue]
    /// Steps this command reports; 0 means it reports none itself.
    public var totalStepCount: Int

    /// Creates a value from its fields; optional ones default to absent.
    public init(name: String, parameters: [String: JSONValue], totalStepCount: Int) {
        self.name = name
        self.parameters = parameters
        self.totalStepCount = totalStepCount
    }

    enum CodingKeys: String, CodingKey {
        case name
        case parameters
        case totalStepCount = "total_step_count"
    }
}
