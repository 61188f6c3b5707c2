import Foundation
import SQLite

/// Opens a connection with Tablao's settings and brings its schema up to date.
public enum DatabaseOpener {
    /// 3.40: RETURNING, UPSERT in triggers, STRICT tables, and Debian 12's version.
    public static let minimumSQLiteVersion: Int32 = 3_040_000

    /// Opens and configures a connection: WAL, synchronous mode, foreign keys verified, bounded busy timeout.
    public static func openConnection(_ options: DatabaseOptions) throws -> Connection {
        guard SQLiteLibrary.versionNumber >= minimumSQLiteVersion else {
            throw DatabaseError.sqliteTooOld(found: SQLiteLibrary.version, required: "3.40.0")
        }
        let connection = try Connection(path: options.path)
        connection.setBusyTimeout(milliseconds: options.busyTimeoutMilliseconds)
        let journalMode = try connection.scalar("PRAGMA journal_mode = WAL", as: String.self) ?? ""
        guard journalMode.lowercased() == "wal" else {
            throw DatabaseError.pragmaNotApplied(pragma: "journal_mode = WAL", value: journalMode)
        }
        try connection.execute("PRAGMA synchronous = \(options.synchronous.rawValue)")
        try connection.execute("PRAGMA journal_size_limit = \(options.walSizeLimitBytes)")
        try connection.execute("PRAGMA cache_size = -\(options.pageCacheKiB)")
        try connection.execute("PRAGMA foreign_keys = ON")
        // foreign_keys silently stays off in a build without foreign-key support: refuse to run then.
        let foreignKeys = try connection.scalar("PRAGMA foreign_keys", as: Int.self) ?? 0
        guard foreignKeys == 1 else {
            throw DatabaseError.pragmaNotApplied(pragma: "foreign_keys = ON", value: String(foreignKeys))
        }
        return connection
    }

    /// Opens a read-only connection to a database `openConnection` already set up (WAL, schema in place).
    public static func openReadConnection(_ options: DatabaseOptions) throws -> Connection {
        let connection = try Connection(path: options.path, readOnly: true)
        connection.setBusyTimeout(milliseconds: options.busyTimeoutMilliseconds)
        try connection.execute("PRAGMA cache_size = -\(options.pageCacheKiB)")
        return connection
    }

    /// Checks the schema against the embedded migrations and applies the policy; returns what was done.
    public static func prepareSchema(
        _ connection: Connection, options: DatabaseOptions, migrator: Migrator = Migrator(), now: Date = Date()
    ) throws -> SchemaPreparation {
        let status = try migrator.status(of: connection)
        try migrator.verify(status)
        guard !status.pending.isEmpty else { return SchemaPreparation(backupPath: nil, applied: []) }
        if case .refuse = options.migrationPolicy {
            throw MigrationError.pending(current: status.currentVersion, latest: migrator.latestVersion)
        }
        let backup = status.applied.isEmpty ? nil : try Backup.takeBeforeMigrating(connection, status: status, now: now)
        let applied = try migrator.migrate(connection, now: now)
        return SchemaPreparation(backupPath: backup, applied: applied)
    }
}

/// What `prepareSchema` did.
public struct SchemaPreparation: Sendable {
    /// The backup taken before migrating, if any (none for a new database).
    public let backupPath: String?
    /// Versions applied.
    public let applied: [Int]
}
