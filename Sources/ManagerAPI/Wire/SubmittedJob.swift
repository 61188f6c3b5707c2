import FarmModel

/// Body of `submit_job` and `submit_job_check`: a job to compile into tasks.
public struct SubmittedJob: Codable, Hashable, Sendable, WireRequest {
    /// Priority of a submission that gives none (the schema default).
    public static let defaultPriority = 50

    /// Job name.
    public var name: String
    /// Job type name.
    public var type: String
    /// Job priority; 50 when absent.
    public var priority: Int
    /// Operating system of the submitter, or `manager`.
    public var submitterPlatform: String
    /// Etag of the job type definition the client used; a mismatch gives 412.
    public var typeEtag: String?
    /// Job-type specific settings.
    public var settings: [String: JSONValue]?
    /// Free-form string metadata.
    public var metadata: [String: String]?
    /// Shaman storage information.
    public var storage: JobStorageInfo?
    /// Worker tag UUID restricting which workers may run the job; empty means none.
    public var workerTag: String?
    /// Status to store the job with instead of `queued`.
    public var initialStatus: JobStatus?

    /// Creates a value from its fields; optional ones default to absent.
    public init(
        name: String,
        type: String,
        priority: Int = SubmittedJob.defaultPriority,
        submitterPlatform: String,
        typeEtag: String? = nil,
        settings: [String: JSONValue]? = nil,
        metadata: [String: String]? = nil,
        storage: JobStorageInfo? = nil,
        workerTag: String? = nil,
        initialStatus: JobStatus? = nil
    ) {
        self.name = name
        self.type = type
        self.priority = priority
        self.submitterPlatform = submitterPlatform
        self.typeEtag = typeEtag
        self.settings = settings
        self.metadata = metadata
        self.storage = storage
        self.workerTag = workerTag
        self.initialStatus = initialStatus
    }

    /// Decodes a submission; an absent `priority` becomes ``defaultPriority``, as the schema default says.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decode(String.self, forKey: .type)
        priority = try container.decodeIfPresent(Int.self, forKey: .priority) ?? Self.defaultPriority
        submitterPlatform = try container.decode(String.self, forKey: .submitterPlatform)
        typeEtag = try container.decodeIfPresent(String.self, forKey: .typeEtag)
        settings = try container.decodeIfPresent([String: JSONValue].self, forKey: .settings)
        metadata = try container.decodeIfPresent([String: String].self, forKey: .metadata)
        storage = try container.decodeIfPresent(JobStorageInfo.self, forKey: .storage)
        workerTag = try container.decodeIfPresent(String.self, forKey: .workerTag)
        initialStatus = try container.decodeIfPresent(JobStatus.self, forKey: .initialStatus)
    }

    /// Rejects an empty name or type, a priority outside 0–100 (as `setpriority` allows), and a `worker_tag` that is
    /// neither empty nor a UUID.
    public func validate() throws(WireValidationError) {
        try WireValidation.requireNonEmpty(name, field: "name")
        try WireValidation.requireNonEmpty(type, field: "type")
        try WireValidation.requireRange(priority, JobPriorityChange.allowedPriorities, field: "priority")
        try WireValidation.requireTagIdentifier(workerTag, field: "worker_tag")
    }

    enum CodingKeys: String, CodingKey {
        case name
        case type
        case priority
        case submitterPlatform = "submitter_platform"
        case typeEtag = "type_etag"
        case settings
        case metadata
        case storage
        case workerTag = "worker_tag"
        case initialStatus = "initial_status"
    }
}
