import Foundation
import Logging
import SQLite

/// The farm's database: one read-write connection on its own thread, with the schema at the latest version, and
/// one read-only connection on a second thread for `read`.
///
/// Every state change is one `write` transaction; concurrent writes share a commit (group commit), and each
/// caller is answered only after its work is durable. Reads run on the reader in WAL snapshots, so worker
/// authentication and the API's GETs never wait for the writer's thread nor take time from it (GRDB's
/// `DatabasePool` has the same split).
public final class FarmDatabase: Sendable {
    private let serialized: SerializedDatabase
    private let reader: SerializedDatabase
    /// The clock that stamps every transaction (injected in tests).
    public let clock: @Sendable () -> Date
    /// The database file.
    public let path: String
    /// What opening did to the schema (backup taken, migrations applied).
    public let preparation: SchemaPreparation

    /// Opens the database, applying the migration policy, and starts its thread.
    public static func open(
        _ options: DatabaseOptions, clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger? = nil
    ) throws -> FarmDatabase {
        for leftover in Backup.removeUnfinished(besides: options.path) {
            logger?.warning(
                "Removed an unfinished backup a killed migration left behind", metadata: ["backup.path": "\(leftover)"])
        }
        let connection = try DatabaseOpener.openConnection(options)
        let preparation = try DatabaseOpener.prepareSchema(connection, options: options, now: clock())
        if let logger, !preparation.applied.isEmpty {
            logger.info(
                "Database migrated",
                metadata: [
                    "db.path": "\(options.path)", "db.migrations": "\(preparation.applied)",
                    "db.backup": "\(preparation.backupPath ?? "none (new database)")",
                ])
        }
        let readConnection = try DatabaseOpener.openReadConnection(options)
        return FarmDatabase(
            connection: connection, readConnection: readConnection, path: options.path, preparation: preparation,
            clock: clock)
    }

    private init(
        connection: sending Connection, readConnection: sending Connection, path: String,
        preparation: SchemaPreparation, clock: @escaping @Sendable () -> Date
    ) {
        self.serialized = SerializedDatabase(connection: connection)
        self.reader = SerializedDatabase(connection: readConnection, name: "tablao.sqlite-read")
        self.path = path
        self.preparation = preparation
        self.clock = clock
    }

    /// Runs `body` as one write transaction (rolled back if it throws) and returns after the commit.
    public func write<T: Sendable>(_ body: @escaping @Sendable (StorageTransaction) throws -> T) async throws -> T {
        let clock = self.clock
        return try await serialized.write { connection in
            try body(StorageTransaction(connection: connection, now: clock()))
        }
    }

    /// Runs `body` on the read-only connection's thread, in one snapshot of the last committed state.
    public func read<T: Sendable>(_ body: @escaping @Sendable (StorageTransaction) throws -> T) async throws -> T {
        let clock = self.clock
        return try await reader.run { connection in
            try connection.readTransaction { try body(StorageTransaction(connection: connection, now: clock())) }
        }
    }

    /// Checkpoints the WAL; TRUNCATE also shrinks the `-wal` file to zero bytes.
    public func checkpoint(truncate: Bool = false) async throws {
        _ = try await serialized.run { connection in
            try connection.execute(truncate ? "PRAGMA wal_checkpoint(TRUNCATE)" : "PRAGMA wal_checkpoint(PASSIVE)")
        }
    }

    /// Runs `PRAGMA quick_check` (or the full `integrity_check`) and `foreign_key_check`; throws on any problem.
    public func checkIntegrity(full: Bool = false) async throws {
        try await serialized.run { connection in try IntegrityCheck.run(on: connection, full: full) }
    }

    /// Commits one real write through the writer and throws when the database cannot be written (read-only file or
    /// file system, disk full). The health check uses it. The write steps the header's `user_version`, which Tablao
    /// uses for nothing else: SQLite skips writing a row whose bytes do not change, so a no-op UPDATE would prove
    /// nothing.
    public func probeWrite() async throws {
        try await serialized.write { connection in
            let current = try connection.scalar("PRAGMA user_version", as: Int64.self) ?? 0
            try connection.execute("PRAGMA user_version = \((current + 1) % Int64(Int32.max))")
        }
    }

    /// Writes a consistent copy of the live database to `destination`.
    public func backup(to destination: String) async throws {
        try await serialized.run { connection in try Backup.copy(connection, to: destination) }
    }

    /// Group-commit statistics since opening.
    public var batchStatistics: BatchStatistics { serialized.batchStatistics }

    /// Calls `observer` on the writer's thread after every write transaction (see
    /// `SerializedDatabase.observeWriteBatches`); it must only count and record.
    public func observeWriteBatches(_ observer: @escaping @Sendable (WriteBatchReport) -> Void) {
        serialized.observeWriteBatches(observer)
    }

    /// The write-ahead log beside the database file (absent after a clean close).
    public var walPath: String { path + "-wal" }

    /// Checkpoints with TRUNCATE, then closes the connection; later calls throw.
    public func close() async {
        await reader.close()
        try? await checkpoint(truncate: true)
        await serialized.close()
    }
}
