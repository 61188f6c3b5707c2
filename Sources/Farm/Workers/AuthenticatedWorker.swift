import FarmModel

/// A worker whose Basic-auth credentials were verified for this request.
public struct AuthenticatedWorker: Sendable, Hashable {
    /// Database row ID.
    public let rowID: Int64
    /// Wire ID.
    public let id: WorkerID

    /// Creates a verified identity.
    public init(rowID: Int64, id: WorkerID) {
        self.rowID = rowID
        self.id = id
    }
}
