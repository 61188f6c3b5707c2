/// Body of `set_job_tag`: the tag to give the job, by ID or name; neither removes the tag.
public struct JobTagChange: Codable, Hashable, Sendable, WireRequest {
    /// Worker tag UUID.
    public var id: String?
    /// Worker tag name.
    public var name: String?

    /// Creates a value from its fields; optional ones default to absent.
    public init(id: String? = nil, name: String? = nil) {
        self.id = id
        self.name = name
    }

    /// Rejects an `id` that is neither empty nor a UUID.
    public func validate() throws(WireValidationError) {
        try WireValidation.requireTagIdentifier(id, field: "id")
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name
    }
}
