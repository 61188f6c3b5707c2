import FarmModel
import Foundation

/// Short form of a worker, as listed by `fetch_workers`.
public struct WorkerSummary: Codable, Hashable, Sendable {
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

    /// Creates a value from its fields; optional ones default to absent.
    public init(
        id: WorkerID,
        name: String,
        status: WorkerStatus,
        version: String,
        canRestart: Bool,
        lastSeen: Date? = nil,
        statusChange: WorkerStatusChangeRequest? = nil
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.version = version
        self.canRestart = canRestart
        self.lastSeen = lastSeen
        self.statusChange = statusChange
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case status
        case version
        case canRestart = "can_restart"
        case lastSeen = "last_seen"
        case statusChange = "status_change"
    }
}
