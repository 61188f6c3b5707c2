/// Definition of one job type, for building a submission form.
public struct AvailableJobType: Codable, Hashable, Sendable {
    /// Job type name.
    public var name: String
    /// Human-readable name.
    public var label: String
    /// What the job type does.
    public var description: String?
    /// Settings, in display order.
    public var settings: [AvailableJobSetting]
    /// Changes whenever the definition changes.
    public var etag: String

    /// Creates a value from its fields; optional ones default to absent.
    public init(
        name: String,
        label: String,
        description: String? = nil,
        settings: [AvailableJobSetting],
        etag: String
    ) {
        self.name = name
        self.label = label
        self.description = description
        self.settings = settings
        self.etag = etag
    }

    enum CodingKeys: String, CodingKey {
        case name
        case label
        case description
        case settings
        case etag
    }
}
