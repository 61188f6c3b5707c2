import Foundation
import SQLite

/// Applies the numbered migrations to a database and reports where it stands.
///
/// Each migration runs in its own `BEGIN IMMEDIATE` with foreign keys off and `PRAGMA foreign_key_check`
/// before COMMIT, so a table can be rebuilt safely; foreign keys are switched on again afterwards.
public struct Migrator: Sendable {
    /// The migrations this binary knows, in order.
    public let migrations: [Migration]

    /// A migrator over the given migrations (the embedded ones by default).
    public init(migrations: [Migration] = Migration.embedded) {
        self.migrations = migrations
    }

    /// The newest version this binary knows.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Reads the applied migrations and compares them with the known ones (creating the bookkeeping table).
    public func status(of connection: Connection) throws -> MigrationStatus {
        try connection.execute(Self.createTableSQL)
        let applied = try connection.fetchAll(Self.appliedSQL) { row in
            AppliedMigration(
                version: try row.get("version"), name: try row.get("name"),
                checksum: try row.get("checksum"), appliedAt: try row.get("applied_at"))
        }
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let appliedVersions = Set(applied.map(\.version))
        return MigrationStatus(
            applied: applied,
            pending: migrations.filter { !appliedVersions.contains($0.version) },
            edited: applied.filter { entry in known[entry.version].map { $0.checksum != entry.checksum } ?? false },
            unknown: applied.filter { known[$0.version] == nil },
            latestKnown: latestVersion)
    }

    /// Throws unless every applied migration is known and unedited.
    public func verify(_ status: MigrationStatus) throws(MigrationError) {
        if let newest = status.unknown.last {
            throw .unknownVersion(version: newest.version, newestKnown: latestVersion)
        }
        if let edited = status.edited.first { throw .edited(version: edited.version, name: edited.name) }
    }

    /// Applies pending migrations up to `target` (all by default); returns the versions applied.
    @discardableResult
    public func migrate(_ connection: Connection, to target: Int? = nil, now: Date = Date()) throws -> [Int] {
        if let target, target < 0 || target > latestVersion {
            throw MigrationError.invalidTarget(version: target, newestKnown: latestVersion)
        }
        let status = try status(of: connection)
        try verify(status)
        var appliedNow: [Int] = []
        for migration in status.pending where migration.version <= (target ?? latestVersion) {
            try apply(migration, on: connection, at: now)
            appliedNow.append(migration.version)
        }
        return appliedNow
    }

    private func apply(_ migration: Migration, on connection: Connection, at now: Date) throws {
        try connection.execute("PRAGMA foreign_keys = OFF")
        defer { try? connection.execute("PRAGMA foreign_keys = ON") }
        do {
            try connection.transaction {
                do {
                    try connection.executeScript(migration.sql)
                } catch let error as SQLiteError {
                    throw MigrationError.failed(version: migration.version, name: migration.name, reason: error.message)
                }
                let violation = try connection.fetchOne("PRAGMA foreign_key_check") { row in
                    try row.get(0, as: String.self)
                }
                if let violation { throw MigrationError.foreignKeyViolation(version: migration.version, table: violation) }
                try connection.execute(
                    Self.recordSQL, .integer(Int64(migration.version)), .text(migration.name),
                    .text(migration.checksum), .text(Timestamp.string(from: now)))
            }
        } catch let error as MigrationError {
            throw error
        } catch let error as SQLiteError {
            throw MigrationError.failed(version: migration.version, name: migration.name, reason: error.message)
        }
    }

    // Bookkeeping of applied migrations; created by the runner, never by a migration file.
    static let createTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     INTEGER PRIMARY KEY,
            name        TEXT NOT NULL,
            checksum    TEXT NOT NULL,
            applied_at  TEXT NOT NULL
        ) STRICT
        """
    // Applied migrations in order.
    static let appliedSQL = "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version"
    // Records one applied migration.
    static let recordSQL = "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)"
}
