import Foundation
import SQLite

/// The handle a `FarmDatabase.write` or `read` body works with: the connection, the transaction's time,
/// and the repositories.
///
/// Not `Sendable`: it exists only inside the body, on the database thread.
public struct StorageTransaction {
    /// The connection (for repositories; callers outside Storage should use the repositories).
    let connection: Connection
    /// The time of this transaction, from the database's clock.
    public let now: Date
    /// `now` in the database's text form.
    public let nowText: String

    init(connection: Connection, now: Date) {
        self.connection = connection
        self.now = now
        self.nowText = Timestamp.string(from: now)
    }
}
