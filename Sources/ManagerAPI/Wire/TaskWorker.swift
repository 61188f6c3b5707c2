/// The worker a task refers to; fields are empty strings when unknown.
public struct TaskWorker: Codable, Hashable, Sendable {
    /// Worker ID, or empty when the task was never assigned.
    public var id: String
    /// Worker name, or empty.
    public var name: String
    /// Worker address, or empty.
    public var address: String

    /// Creates a value from its fields; optional ones default to absent.
    public init(id: String, name: String, address: String) {
        self.id = id
        self.name = name
        self.address = address
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case address
    }
}
