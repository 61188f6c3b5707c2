import Foundation

/// A job as stored.
public struct Job: Sendable, Hashable {
    /// The database row ID.
    public var rowID: Int64
    /// The wire ID.
    public var id: JobID
    /// Display name.
    public var name: String
    /// The job type's name, e.g. `simple-blender-render`.
    public var type: String
    /// Scheduling priority (higher first).
    public var priority: Int
    /// Current status.
    public var status: JobStatus
    /// One-line description of what happened last.
    public var activity: String
    /// Settings as stored (after compilation).
    public var settings: [String: JSONValue]
    /// Free-form string metadata.
    public var metadata: [String: String]
    /// Platform of the submitter.
    public var submitterPlatform: String
    /// The worker tag restricting which workers run it.
    public var workerTag: TagID?
    /// Shaman checkout ID, `""` when none.
    public var shamanCheckoutID: String
    /// Folder for logs and previews, relative to the storage root.
    public var storagePath: String
    /// Σ steps_completed over the job's tasks.
    public var stepsCompleted: Int
    /// Σ steps_total over the job's tasks.
    public var stepsTotal: Int
    /// Creation time.
    public var created: Date
    /// Last change.
    public var updated: Date
    /// When deletion was requested.
    public var deleteRequestedAt: Date?

    /// Creates a job value.
    public init(
        rowID: Int64, id: JobID, name: String, type: String, priority: Int, status: JobStatus, activity: String,
        settings: [String: JSONValue], metadata: [String: String], submitterPlatform: String, workerTag: TagID?,
        shamanCheckoutID: String, storagePath: String, stepsCompleted: Int, stepsTotal: Int, created: Date,
        updated: Date, deleteRequestedAt: Date?
    ) {
        self.rowID = rowID
        self.id = id
        self.name = name
        self.type = type
        self.priority = priority
        self.status = status
        self.activity = activity
        self.settings = settings
        self.metadata = metadata
        self.submitterPlatform = submitterPlatform
        self.workerTag = workerTag
        self.shamanCheckoutID = shamanCheckoutID
        self.storagePath = storagePath
        self.stepsCompleted = stepsCompleted
        self.stepsTotal = stepsTotal
        self.created = created
        self.updated = updated
        self.deleteRequestedAt = deleteRequestedAt
    }

    /// The storage folder of a job: `job-<first 4 characters of its ID>/<ID>` (protocol.md §3.9).
    public static func storagePath(for id: JobID) -> String {
        "job-\(id.rawValue.prefix(4))/\(id.rawValue)"
    }
}
