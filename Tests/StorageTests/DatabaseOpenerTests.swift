import FarmModel
import Foundation
import SQLite
@testable import Storage
import Synchronization
import Testing

@Suite("Opening the database")
struct DatabaseOpenerTests {
    @Test(
        "A connection opens in WAL mode with foreign keys on and the requested synchronous level",
        arguments: [(DatabaseOptions.Synchronous.normal, 1), (.full, 2)])
    func connectionSettings(synchronous: DatabaseOptions.Synchronous, expected: Int) throws {
        try withTemporaryDirectory { (directory) throws in
            var options = DatabaseOptions(path: directory.appendingPathComponent("farm.sqlite").path)
            options.synchronous = synchronous
            options.busyTimeoutMilliseconds = 1_234
            let connection = try DatabaseOpener.openConnection(options)
            #expect(try connection.scalar("PRAGMA journal_mode", as: String.self) == "wal")
            #expect(try connection.scalar("PRAGMA foreign_keys", as: Int.self) == 1)
            #expect(try connection.scalar("PRAGMA synchronous", as: Int.self) == expected)
            #expect(try connection.scalar("PRAGMA busy_timeout", as: Int.self) == 1_234)
            #expect(try connection.scalar("PRAGMA journal_size_limit", as: Int64.self) == options.walSizeLimitBytes)
            #expect(try connection.scalar("PRAGMA cache_size", as: Int.self) == -options.pageCacheKiB)
            let reader = try DatabaseOpener.openReadConnection(options)
            #expect(try reader.scalar("PRAGMA cache_size", as: Int.self) == -options.pageCacheKiB)
            #expect(try reader.scalar("PRAGMA busy_timeout", as: Int.self) == 1_234)
            #expect(throws: SQLiteError.self) { try reader.execute("CREATE TABLE nope (x)") }
        }
    }

    @Test("The default options are synchronous NORMAL, a 5 s busy timeout and upgrading with a backup")
    func defaultOptions() {
        let options = DatabaseOptions(path: "/x")
        #expect(options.synchronous == .normal)
        #expect(options.busyTimeoutMilliseconds == 5_000)
        guard case .upgradeWithBackup = options.migrationPolicy else {
            Issue.record("default policy should upgrade with a backup")
            return
        }
    }

    @Test("The linked SQLite is at least the minimum version")
    func sqliteIsRecentEnough() {
        #expect(SQLiteLibrary.versionNumber >= DatabaseOpener.minimumSQLiteVersion)
    }
}

@Suite("FarmDatabase")
struct FarmDatabaseTests {
    private final class Clock: Sendable {
        let seconds = Atomic<Int>(1_735_787_045)
        var now: Date { Date(timeIntervalSince1970: TimeInterval(seconds.load(ordering: .relaxed))) }
    }

    @Test("Transactions are stamped by the injected clock")
    func transactionsUseInjectedClock() async throws {
        try await withTemporaryDirectory { directory in
            let clock = Clock()
            let database = try FarmDatabase.open(
                DatabaseOptions(path: directory.appendingPathComponent("farm.sqlite").path), clock: { clock.now })
            let first = try await database.write { tx in
                try Farm(tx: tx).worker("w1")
                return tx.nowText
            }
            clock.seconds.add(60, ordering: .relaxed)
            let second = try await database.read { tx in tx.now }
            #expect(first == "2025-01-02 03:04:05.000")
            #expect(second == Date(timeIntervalSince1970: 1_735_787_105))
            let created = try await database.read { tx in
                try tx.connection.scalar("SELECT created_at FROM workers", as: String.self)
            }
            #expect(created == "2025-01-02 03:04:05.000")
            await database.close()
        }
    }

    @Test("A write that throws leaves nothing behind and the caller gets its error")
    func throwingWriteLeavesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let database = try FarmDatabase.open(DatabaseOptions(path: directory.appendingPathComponent("farm.sqlite").path))
            await #expect(throws: StorageError.notFound(entity: "job", id: "x")) {
                try await database.write { tx in
                    try Farm(tx: tx).worker("ghost")
                    throw StorageError.notFound(entity: "job", id: "x")
                }
            }
            let workers = try await database.read { tx in try tx.workers.list().count }
            #expect(workers == 0)
            await database.close()
        }
    }

    @Test("Integrity checks pass, backups are consistent copies, and close truncates the WAL")
    func integrityBackupAndClose() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("farm.sqlite").path
            let database = try FarmDatabase.open(DatabaseOptions(path: path))
            try await database.write { tx in
                _ = try Farm(tx: tx).job("copied", tasks: [Farm.task("a"), Farm.task("b", dependencies: [0])])
            }
            try await database.checkIntegrity()
            try await database.checkIntegrity(full: true)
            let copy = directory.appendingPathComponent("copy.sqlite").path
            try await database.backup(to: copy)
            await #expect(throws: (any Error).self) { try await database.backup(to: copy) }
            await database.close()
            // TRUNCATE leaves an empty -wal file; closing the last connection removes it altogether.
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int
            #expect(wal == nil || wal == 0)
            await #expect(throws: SQLiteError.self) { try await database.read { tx in tx.nowText } }

            let backup = try Connection(path: copy, readOnly: true)
            try IntegrityCheck.run(on: backup, full: true)
            #expect(try backup.fetchAll("SELECT name FROM jobs") { try $0.get(0, as: String.self) } == ["copied"])
            #expect(try backup.count("tasks") == 2)
        }
    }

    @Test("An integrity check reports a foreign-key violation")
    func integrityCheckReportsForeignKeyViolation() throws {
        try withMigratedDatabase { connection, _ in
            try connection.execute("PRAGMA foreign_keys = OFF")
            try connection.execute("INSERT INTO task_failures (task_id, worker_id) VALUES (404, 404)")
            let error = #expect(throws: DatabaseError.self) { try IntegrityCheck.run(on: connection, full: false) }
            guard case .integrityCheckFailed(let messages)? = error else {
                Issue.record("expected integrityCheckFailed, got \(String(describing: error))")
                return
            }
            #expect(messages.contains { $0.contains("task_failures") })
        }
    }
}
