import FarmModel
import Foundation
import Storage

/// Verifies worker credentials against the database on every request.
///
/// Credentials are deliberately not cached: a cache entry outlives a soft deletion made by anything but
/// `WorkerManagement.delete` (another process, or a request that loaded the credentials just before the deletion
/// committed and cached them just after), and a deleted worker must get 403 before its body is validated
/// (protocol.md §2), not a 400/411 from the handler. The lookup is one indexed read.
public final class WorkerAuthenticator: Sendable {
    private let database: FarmDatabase

    /// An authenticator reading credentials from `database`.
    public init(database: FarmDatabase) { self.database = database }

    /// The worker if `secret` is its secret; nil for unknown, deleted or wrong credentials.
    public func authenticate(workerID text: String, secret: String) async throws -> AuthenticatedWorker? {
        guard let id = WorkerID(validating: text) else { return WorkerSecrets.verifyUnknown(secret) }
        let credentials = try await database.read { tx in try tx.workers.credentials(id) }
        guard let credentials else { return WorkerSecrets.verifyUnknown(secret) }
        guard WorkerSecrets.verify(secret, salt: credentials.salt, hash: credentials.hash) else { return nil }
        return AuthenticatedWorker(rowID: credentials.rowID, id: id)
    }
}
