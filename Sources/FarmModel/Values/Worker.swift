import Foundation

/// A registered worker as stored (protocol.md §5.1).
public struct Worker: Sendable, Hashable {
    /// The database row ID (stable, never sent on the wire).
    public var rowID: Int64
    /// The wire ID.
    public var id: WorkerID
    /// Display name.
    public var name: String
    /// Client address last seen.
    public var address: String
    /// `linux`, `windows`, `darwin`, …
    public var platform: String
    /// Software version reported at sign-on.
    public var software: String
    /// Status and pending status request.
    public var state: WorkerStatusState
    /// Task types the worker runs.
    public var supportedTaskTypes: [String]
    /// Whether the worker can honour a `restart` request.
    public var canRestart: Bool
    /// When any authenticated call last arrived; nil before the first sign-on.
    public var lastSeen: Date?
    /// When the worker was soft-deleted.
    public var deletedAt: Date?

    /// Creates a worker value.
    public init(
        rowID: Int64, id: WorkerID, name: String, address: String, platform: String, software: String,
        state: WorkerStatusState, supportedTaskTypes: [String], canRestart: Bool, lastSeen: Date?, deletedAt: Date?
    ) {
        self.rowID = rowID
        self.id = id
        self.name = name
        self.address = address
        self.platform = platform
        self.software = software
        self.state = state
        self.supportedTaskTypes = supportedTaskTypes
        self.canRestart = canRestart
        self.lastSeen = lastSeen
        self.deletedAt = deletedAt
    }
}
