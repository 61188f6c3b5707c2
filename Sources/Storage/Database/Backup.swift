import Foundation
import SQLite

/// Consistent copies of a live database, taken with `VACUUM INTO`.
public enum Backup {
    /// Copies the database to `destination` (which must not exist) as one consistent snapshot.
    public static func copy(_ connection: Connection, to destination: String) throws {
        try connection.execute("VACUUM INTO ?", .text(destination))
    }

    /// Takes the backup `migrate up` and `serve` make before upgrading: `<db>.backup-v<N>-<UTC time>`.
    public static func takeBeforeMigrating(_ connection: Connection, status: MigrationStatus, now: Date) throws -> String {
        let stamp = Timestamp.string(from: now)
            .replacingOccurrences(of: " ", with: "T")
            .replacingOccurrences(of: ":", with: "")
        var path = "\(connection.path).backup-v\(status.currentVersion)-\(stamp)"
        var attempt = 1
        while FileManager.default.fileExists(atPath: path) {
            attempt += 1
            path = "\(connection.path).backup-v\(status.currentVersion)-\(stamp)-\(attempt)"
        }
        try copy(connection, to: path)
        return path
    }
}
