import FarmModel
import Foundation
import Storage
import Synchronization

/// Verifies worker credentials, caching each worker's salt and hash in memory after the first lookup.
///
/// The cache saves a database round trip on every worker request; entries are dropped when a worker is deleted.
public final class WorkerAuthenticator: Sendable {
    private struct Credentials: Sendable {
        let rowID: Int64
        let salt: [UInt8]
        let hash: [UInt8]
    }

    private let database: FarmDatabase
    private let cache = Mutex<[WorkerID: Credentials]>([:])

    /// An authenticator reading credentials from `database`.
    public init(database: FarmDatabase) { self.database = database }

    /// The worker if `secret` is its secret; nil for unknown, deleted or wrong credentials.
    public func authenticate(workerID text: String, secret: String) async throws -> AuthenticatedWorker? {
        guard let id = WorkerID(validating: text) else { return WorkerSecrets.verifyUnknown(secret) ? nil : nil }
        var credentials = cache.withLock { $0[id] }
        if credentials == nil {
            credentials = try await database.read { tx in
                try tx.workers.credentials(id).map { Credentials(rowID: $0.rowID, salt: $0.salt, hash: $0.hash) }
            }
            if let credentials { cache.withLock { $0[id] = credentials } }
        }
        guard let credentials else { return WorkerSecrets.verifyUnknown(secret) ? nil : nil }
        guard WorkerSecrets.verify(secret, salt: credentials.salt, hash: credentials.hash) else { return nil }
        return AuthenticatedWorker(rowID: credentials.rowID, id: id)
    }

    /// Forgets a worker's cached credentials (after deletion).
    public func forget(_ id: WorkerID) {
        _ = cache.withLock { $0.removeValue(forKey: id) }
    }
}
