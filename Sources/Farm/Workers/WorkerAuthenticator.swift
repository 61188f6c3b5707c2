import FarmModel
import Foundation
import Storage
import Synchronization

/// Verifies worker credentials: the salted hash of a worker is read once and then kept in memory.
///
/// Caching is safe because every authenticated endpoint's use case checks, in its own transaction, that the worker
/// still exists and is not deleted (403 otherwise), and a worker's secret never changes (re-registration makes a new
/// worker). Two windows remain, and both are closed here: a deletion through `WorkerManagement` forgets the entry at
/// once (a generation counter stops a lookup that raced the deletion from caching stale credentials), and a request
/// failing before its use case ran (a body the handler refused) asks ``isLive(_:)`` so that a worker deleted by any
/// means gets 403 rather than 400 (protocol.md §2).
public final class WorkerAuthenticator: Sendable {
    /// More cached workers than this and the cache starts over (a farm has hundreds, not thousands).
    static let capacity = 4_096

    private struct Entry: Sendable {
        let rowID: Int64
        let salt: [UInt8]
        let hash: [UInt8]
    }

    private struct State: Sendable {
        var entries: [WorkerID: Entry] = [:]
        var generation: UInt64 = 0
    }

    private let database: FarmDatabase
    private let state = Mutex(State())

    /// An authenticator reading credentials from `database`.
    public init(database: FarmDatabase) { self.database = database }

    /// The worker if `secret` is its secret; nil for unknown, deleted or wrong credentials.
    public func authenticate(workerID text: String, secret: String) async throws -> AuthenticatedWorker? {
        guard let id = WorkerID(validating: text) else { return WorkerSecrets.verifyUnknown(secret) }
        if let cached = state.withLock({ $0.entries[id] }) {
            if WorkerSecrets.verify(secret, salt: cached.salt, hash: cached.hash) {
                return AuthenticatedWorker(rowID: cached.rowID, id: id)
            }
            return nil
        }
        let generation = state.withLock { $0.generation }
        let credentials = try await database.read { tx in try tx.workers.credentials(id) }
        guard let credentials else { return WorkerSecrets.verifyUnknown(secret) }
        guard WorkerSecrets.verify(secret, salt: credentials.salt, hash: credentials.hash) else { return nil }
        state.withLock { state in
            // A deletion since the read began may have made these credentials stale: do not keep them.
            guard state.generation == generation else { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[id] = Entry(rowID: credentials.rowID, salt: credentials.salt, hash: credentials.hash)
        }
        return AuthenticatedWorker(rowID: credentials.rowID, id: id)
    }

    /// Whether the worker still exists and is not deleted (read from the database, never the cache).
    public func isLive(_ worker: AuthenticatedWorker) async throws -> Bool {
        try await database.read { tx in try tx.workers.isLive(rowID: worker.rowID) }
    }

    /// Drops a worker's cached credentials (after its deletion committed).
    public func forget(_ id: WorkerID) {
        state.withLock { state in
            state.generation &+= 1
            state.entries[id] = nil
        }
    }
}
