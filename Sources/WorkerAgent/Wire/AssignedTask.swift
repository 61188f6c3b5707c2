/// `AssignedTask`: a task handed to this worker (protocol.md §4.5); fields the worker ignores are left out.
public struct AssignedTask: Decodable, Sendable {
    public let uuid: String
    public let job: String
    public let name: String
    public let commands: [Command]

    /// One command of the task (protocol.md §4.6).
    public struct Command: Decodable, Sendable {
        public let name: String
        public let parameters: [String: WireValue]
        public let totalStepCount: Int

        enum CodingKeys: String, CodingKey {
            case name, parameters
            case totalStepCount = "total_step_count"
        }
    }
}
