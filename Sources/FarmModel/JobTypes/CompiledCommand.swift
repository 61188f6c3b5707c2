/// One command of a compiled task, as later sent to a worker (protocol.md §4.6).
public struct CompiledCommand: Sendable, Hashable {
    /// The worker command name, e.g. `blender-render`.
    public var name: String
    /// The command's parameters (a JSON object).
    public var parameters: [String: JSONValue]
    /// Steps this command reports; 0 means the worker reports one step when it finishes.
    public var totalStepCount: Int

    /// Creates a command.
    public init(name: String, parameters: [String: JSONValue], totalStepCount: Int) {
        self.name = name
        self.parameters = parameters
        self.totalStepCount = totalStepCount
    }

    /// The steps this command adds to its task's `steps_total` (protocol.md §4.10).
    public var stepCount: Int { max(1, totalStepCount) }
}
