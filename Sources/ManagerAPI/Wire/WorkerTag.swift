/// A named group of workers; jobs with a tag only run on its members.
public struct WorkerTag: Codable, Hashable, Sendable, WireRequest {
    /// Tag UUID; always sent in responses, generated when absent or empty on creation.
    public var id: String?
    /// Unique tag name.
    public var name: String
    /// Free text; omitted when empty.
    public var description: String?

    /// Creates a value from its fields; optional ones default to absent.
    public init(id: String? = nil, name: String, description: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
    }

    /// Rejects an empty name, and an `id` that is neither empty nor a UUID.
    public func validate() throws(WireValidationError) {
        try WireValidation.requireNonEmpty(name, field: "name")
        try WireValidation.requireTagIdentifier(id, field: "id")
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case description
    }
}
