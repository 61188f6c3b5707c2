import FarmModel
/// `AvailableJobTypes`: the job types a Manager compiles (`GET /api/v3/jobs/types`).
public struct JobTypeCatalog: Decodable, Sendable {
    /// The job types, sorted by name.
    public let jobTypes: [PublishedJobType]

    /// The type called `name`, if the Manager has it.
    public func type(named name: String) -> PublishedJobType? { jobTypes.first { $0.name == name } }

    enum CodingKeys: String, CodingKey {
        case jobTypes = "job_types"
    }
}

/// `AvailableJobType`: one job type's name and the settings a submission carries.
public struct PublishedJobType: Decodable, Sendable {
    /// Type name, the submission's `type`.
    public let name: String
    /// Human-readable name.
    public let label: String
    /// What the job type does, if the Manager says.
    public let description: String?
    /// Settings in display order.
    public let settings: [PublishedSetting]
    /// Identifies this version of the definition; sent back as `type_etag`.
    public let etag: String

    /// The setting called `key`, if the type declares it.
    public func setting(_ key: String) -> PublishedSetting? { settings.first { $0.key == key } }
}

/// `AvailableJobSetting`: what a submission's value for one key must look like.
public struct PublishedSetting: Decodable, Sendable {
    /// Key in `settings`.
    public let key: String
    /// JSON type name: `string`, `int32`, `float` or `bool` (kept as text so an unknown type does not break decoding).
    public let type: String
    /// Allowed values, if restricted.
    public let choices: [String]?
    /// Whether a submission must carry the setting.
    public let required: Bool?
    /// Value the Blender add-on fills in when the user gives none.
    public let defaultValue: JSONValue?
    /// Help text.
    public let description: String?

    /// Whether the setting must be given, by the user or by its default.
    public var isRequired: Bool { required ?? false }

    enum CodingKeys: String, CodingKey {
        case key, type, choices, required, description
        case defaultValue = "default"
    }
}
