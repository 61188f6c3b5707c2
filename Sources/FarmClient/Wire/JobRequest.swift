import FarmModel
/// `SubmittedJob`: the body of `POST /api/v3/jobs`.
public struct JobRequest: Encodable, Sendable {
    /// Job name.
    public var name: String
    /// Job type name.
    public var type: String
    /// Job priority, 0–100.
    public var priority: Int
    /// Operating system of the submitter, Go `GOOS` style.
    public var submitterPlatform: String
    /// Etag of the job type definition the settings were checked against (412 if it changed since).
    public var typeEtag: String?
    /// Job-type specific settings.
    public var settings: [String: JSONValue]
    /// Free-form string metadata.
    public var metadata: [String: String]

    /// Creates a request from its fields.
    public init(
        name: String, type: String, priority: Int, submitterPlatform: String, typeEtag: String?,
        settings: [String: JSONValue], metadata: [String: String]
    ) {
        self.name = name
        self.type = type
        self.priority = priority
        self.submitterPlatform = submitterPlatform
        self.typeEtag = typeEtag
        self.settings = settings
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case name, type, priority, settings, metadata
        case submitterPlatform = "submitter_platform"
        case typeEtag = "type_etag"
    }
}
