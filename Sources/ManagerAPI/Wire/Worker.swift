import FarmModel
import Foundation

/// Full information on one worker.
public struct Worker: Codable, Hashable, Sendable {
    /// Worker ID.
    public var id: WorkerID
    /// Display name.
    public var name: String
    /// Current status.
    public var status: WorkerStatus
    /// Worker software version.
    public var version: String
    /// Whether the worker honours a `restart` request.
    public var canRestart: Bool
    /// Last time the worker called the Manager; absent if it never signed on.
    public var lastSeen: Date?
    /// Pending status request, if any.
    public var statusChange: WorkerStatusChangeRequest?
    /// Last known client IP address.
    public var ipAddress: String
    /// Operating system of the worker.
    public var platform: String
    /// Task types the worker can run.
    public var supportedTaskTypes: [String]
    /// Tags the worker belongs to; omitted when none.
    public var tags: [WorkerTag]?
    /// Active task, else the task it was assigned last; omitted when none.
    public var task: WorkerTask?

    /// Creates a value from its fields; optional ones default to absent.
    public init(
        id: WorkerID,
        name: String,
        status: WorkerStatus,
        version: String,
        canRestart: Bool,
        lastSeen: Date? = nil,
        statusChange: WorkerStatusChangeRequest? = nil,
        ipAddress: String,
        platform: String,
        supportedTaskTypes: [String],
        tags: [WorkerTag]? = nil,
        task: WorkerTask? = nil
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.version = version
        self.canRestart = canRestart
        self.lastSeen = lastSeen
        self.statusChange = statusChange
        self.ipAddress = ipAddress
        self.platform = platform
        self.supportedTaskTypes = supportedTaskTypes
        self.tags = tags
        self.task = task
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case status
        case version
        case canRestart = "can_restart"
        case lastSeen = "last_seen"
        case statusChange = "status_change"
        case ipAddress = "ip_address"
        case platform
        case supportedTaskTypes = "supported_task_types"
        case tags
        case task
    }
}
