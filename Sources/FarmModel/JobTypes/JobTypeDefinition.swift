/// The published description of a job type: what the add-on needs to build a submission form.
///
/// A domain value, not a wire DTO; the HTTP layer maps it to `AvailableJobType` (protocol.md §10.1).
public struct JobTypeDefinition: Sendable, Hashable {
    /// The type name submitted in `SubmittedJob.type`, e.g. `simple-blender-render`.
    public var name: String
    /// Human-readable name.
    public var label: String
    /// One-line explanation of what the type does.
    public var description: String?
    /// The settings, in the order the form shows them.
    public var settings: [JobSettingDefinition]

    /// Creates a job type definition.
    public init(name: String, label: String, description: String? = nil, settings: [JobSettingDefinition]) {
        self.name = name
        self.label = label
        self.description = description
        self.settings = settings
    }

    /// The canonical JSON form, with Flamenco's field names; the etag is computed from it.
    public var canonicalJSON: JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(name),
            "label": .string(label),
            "settings": .array(settings.map(\.canonicalJSON)),
        ]
        object["description"] = description.map(JSONValue.string)
        return .object(object)
    }

    /// An opaque version tag that changes whenever the definition changes: 16 lower-case hex digits.
    ///
    /// Flamenco sends the SHA-1 of its definition JSON, but clients only compare it for equality
    /// (protocol.md §10.1), so a 64-bit FNV-1a hash of the sorted-key canonical JSON is enough and
    /// keeps `FarmModel` free of a crypto dependency.
    public var etag: String {
        let hash = FNV1a64.hash(canonicalJSON.jsonText().utf8)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
