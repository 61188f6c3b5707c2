import FarmModel
import Foundation

/// A job as stored: the submitted fields plus its identity, status and progress.
public struct Job: Codable, Hashable, Sendable {
    /// Job name.
    public var name: String
    /// Job type name.
    public var type: String
    /// Job priority.
    public var priority: Int
    /// Operating system of the submitter; may be empty.
    public var submitterPlatform: String
    /// Not sent by the Manager.
    public var typeEtag: String?
    /// Settings as stored after compilation.
    public var settings: [String: JSONValue]?
    /// Free-form string metadata.
    public var metadata: [String: String]?
    /// Shaman storage information, when a checkout ID is set.
    public var storage: JobStorageInfo?
    /// Worker tag UUID, when the job has one.
    public var workerTag: String?
    /// Not sent by the Manager.
    public var initialStatus: JobStatus?
    /// Job ID.
    public var id: JobID
    /// Creation time.
    public var created: Date
    /// Last modification time.
    public var updated: Date
    /// Job status.
    public var status: JobStatus
    /// One line describing the last thing that happened.
    public var activity: String
    /// Steps completed over all tasks.
    public var stepsCompleted: Int
    /// Steps over all tasks.
    public var stepsTotal: Int
    /// When deletion was requested, if it was.
    public var deleteRequestedAt: Date?

    /// Creates a value from its fields; optional ones default to absent.
    public init(
        name: String,
        type: String,
        priority: Int,
        submitterPlatform: String,
        typeEtag: String? = nil,
        settings: [String: JSONValue]? = nil,
        metadata: [String: String]? = nil,
        storage: JobStorageInfo? = nil,
        workerTag: String? = nil,
        initialStatus: JobStatus? = nil,
        id: JobID,
        created: Date,
        updated: Date,
        status: JobStatus,
        activity: String,
        stepsCompleted: Int,
        stepsTotal: Int,
        deleteRequestedAt: Date? = nil
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
        self.id = id
        self.created = created
        self.updated = updated
        self.status = status
        self.activity = activity
        self.stepsCompleted = stepsCompleted
        self.stepsTotal = stepsTotal
        self.deleteRequestedAt = deleteRequestedAt
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
        case id
        case created
        case updated
        case status
        case activity
        case stepsCompleted = "steps_completed"
        case stepsTotal = "steps_total"
        case deleteRequestedAt = "delete_requested_at"
    }
}
