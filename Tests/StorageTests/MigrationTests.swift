import FarmModel
import Foundation
import SQLite
@testable import Storage
import Testing

@Suite("Migrations")
struct MigrationTests {
    private let latest = Migrator().latestVersion

    /// Opens a connection with Tablao's settings on `directory/farm.sqlite`, migrated to `version`.
    private func open(in directory: URL, at version: Int) throws -> (Connection, DatabaseOptions) {
        let options = DatabaseOptions(path: directory.appendingPathComponent("farm.sqlite").path)
        let connection = try DatabaseOpener.openConnection(options)
        try Migrator().migrate(connection, to: version, now: testNow)
        return (connection, options)
    }

    private func backups(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("farm.sqlite.backup-") }.sorted()
    }

    @Test("The embedded migrations are the files of migrations/, numbered from 1 without gaps")
    func embeddedMigrationsMatchTheFolder() throws {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files.count == Migration.embedded.count)
        #expect(Migration.embedded.map(\.version) == Array(1...Migration.embedded.count))
        #expect(latest == Migration.embedded.count)
        #expect(latest >= 3)
        for (file, migration) in zip(files, Migration.embedded) {
            let sql = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(file == String(format: "%04d_%@.sql", migration.version, migration.name))
            #expect(migration.sql == sql)
        }
    }

    @Test("Migration parses NNNN_name.sql only, and its checksum follows its SQL")
    func migrationParsesFileNames() throws {
        let migration = try #require(Migration(fileName: "0012_add_things.sql", sql: "SELECT 1;"))
        #expect(migration.version == 12)
        #expect(migration.name == "add_things")
        #expect(migration.checksum.count == 64)
        #expect(migration.checksum.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(migration.checksum == Migration(fileName: "0012_add_things.sql", sql: "SELECT 1;")?.checksum)
        #expect(migration.checksum != Migration(fileName: "0012_add_things.sql", sql: "SELECT 1; ")?.checksum)
        // SHA-256 of the empty string, a known value.
        #expect(
            Migration(fileName: "0001_empty.sql", sql: "")?.checksum
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        for bad in ["12_x.sql", "0001.sql", "0001_x.txt", "abcd_x.sql", "0000_zero.sql", "README.md"] {
            #expect(Migration(fileName: bad, sql: "") == nil, "\(bad) should not parse")
        }
    }

    @Test("A fresh database reaches the latest version and records every migration with its checksum")
    func freshDatabaseReachesLatest() async throws {
        try await withTemporaryDirectory { directory in
            let options = DatabaseOptions(path: directory.appendingPathComponent("farm.sqlite").path)
            let database = try FarmDatabase.open(options, clock: { testNow })
            #expect(database.preparation.applied == Array(1...latest))
            #expect(database.preparation.backupPath == nil)
            let status = try await database.read { tx in try Migrator().status(of: tx.connection) }
            #expect(status.isCurrent)
            #expect(status.currentVersion == latest)
            #expect(status.applied.map(\.version) == Migration.embedded.map(\.version))
            #expect(status.applied.map(\.name) == Migration.embedded.map(\.name))
            #expect(status.applied.map(\.checksum) == Migration.embedded.map(\.checksum))
            #expect(status.applied.allSatisfy { $0.appliedAt == "2025-01-02 03:04:05.000" })
            await database.close()
            #expect(try backups(in: directory).isEmpty)

            // Opening again has nothing to do.
            let reopened = try FarmDatabase.open(options)
            #expect(reopened.preparation.applied.isEmpty)
            #expect(reopened.preparation.backupPath == nil)
            await reopened.close()
        }
    }

    @Test("Migrating step by step applies each pending version once")
    func migratingStepByStep() throws {
        try withTemporaryDirectory { (directory) throws in
            let (connection, _) = try open(in: directory, at: 0)
            #expect(try Migrator().status(of: connection).pending.count == latest)
            #expect(try Migrator().migrate(connection, to: 2, now: testNow) == [1, 2])
            let status = try Migrator().status(of: connection)
            #expect(status.currentVersion == 2)
            #expect(status.pending.map(\.version) == Array(3...latest))
            #expect(try Migrator().migrate(connection, now: testNow) == Array(3...latest))
            #expect(try Migrator().migrate(connection, now: testNow) == [])
            #expect(try connection.schemaVersion() == latest)
        }
    }

    @Test("A version-1 database with rows upgrades to the latest without losing them, and the triggers then work")
    func versionOneDatabaseUpgrades() throws {
        try withTemporaryDirectory { (directory) throws in
            let (connection, _) = try open(in: directory, at: 1)
            #expect(try connection.schemaVersion() == 1)
            // Rows as a version-1 writer stored them, including the counters it had to keep itself.
            try connection.executeScript(
                """
                INSERT INTO workers (id, uuid, name, secret_salt, secret_hash, supported_task_types, status)
                VALUES (1, '00000000-0000-4000-8000-000000000001', 'old worker', x'01', x'02', '["blender","ffmpeg"]', 'awake');
                INSERT INTO jobs (id, uuid, name, job_type, priority, status, storage_path, steps_completed, steps_total)
                VALUES (1, '00000000-0000-4000-8000-000000000002', 'old job', 'simple-blender-render', 50, 'active',
                        'job-0000/00000000-0000-4000-8000-000000000002', 1, 3);
                INSERT INTO tasks (id, uuid, job_id, index_in_job, name, task_type, priority, status, worker_id,
                                   steps_completed, steps_total, job_priority, job_schedulable, unfinished_dependencies)
                VALUES (1, '00000000-0000-4000-8000-000000000003', 1, 1, 'render-1', 'blender', 50, 'completed', 1, 1, 1, 50, 1, 0),
                       (2, '00000000-0000-4000-8000-000000000004', 1, 2, 'render-2', 'blender', 50, 'queued', NULL, 0, 1, 50, 1, 0),
                       (3, '00000000-0000-4000-8000-000000000005', 1, 3, 'video', 'ffmpeg', 50, 'queued', NULL, 0, 1, 50, 1, 1);
                INSERT INTO task_dependencies (task_id, dependency_id) VALUES (3, 2);
                INSERT INTO job_task_counts (job_id, status, count) VALUES (1, 'completed', 1), (1, 'queued', 2);
                """)

            #expect(try Migrator().migrate(connection, to: latest, now: testNow) == Array(2...latest))
            #expect(try connection.schemaVersion() == latest)
            #expect(try connection.count("workers") == 1)
            #expect(try connection.count("jobs") == 1)
            #expect(try connection.count("tasks") == 3)
            #expect(try connection.count("task_dependencies") == 1)
            #expect(
                try connection.fetchAll("SELECT name FROM tasks ORDER BY id") { try $0.get(0, as: String.self) }
                    == ["render-1", "render-2", "video"])
            // The operator views of 0003 see the old rows.
            let progress = try connection.fetchOne("SELECT tasks, completed, queued, steps FROM job_progress") {
                [try $0.get(0, as: Int.self), try $0.get(1, as: Int.self), try $0.get(2, as: Int.self)].map(String.init)
                    + [try $0.get(3, as: String.self)]
            }
            #expect(progress == ["3", "1", "2", "1/3"])

            // The triggers of 0002 act on the old rows.
            let tx = StorageTransaction(connection: connection, now: testNow)
            let farm = Farm(tx: tx)
            let worker = try #require(try tx.workers.find(rowID: 1))
            #expect(try farm.next(for: worker) == 2)
            try tx.jobs.setPriority(rowID: 1, to: 80)
            #expect(try connection.count("tasks", where: "job_priority = 80") == 3)
            try tx.jobs.setStatus(rowID: 1, to: .paused)
            #expect(try connection.count("tasks", where: "job_schedulable = 0") == 3)
            #expect(try farm.next(for: worker) == nil)
            try tx.jobs.setStatus(rowID: 1, to: .active)
            try tx.tasks.setStatus(rowID: 2, to: .completed)
            #expect(try connection.scalar("SELECT unfinished_dependencies FROM tasks WHERE id = 3", as: Int.self) == 0)
            #expect(try farm.next(for: worker) == 3)
            #expect(try tx.tasks.counts(ofJob: 1) == TaskStatusCounts([.completed: 2, .queued: 1]))
            let job = try #require(try tx.jobs.find(rowID: 1))
            #expect(job.stepsCompleted == 2)
            #expect(job.stepsTotal == 3)
        }
    }

    @Test("Opening a database that is behind takes a backup at the old version, then upgrades")
    func behindDatabaseIsBackedUpThenUpgraded() throws {
        try withTemporaryDirectory { (directory) throws in
            let (connection, options) = try open(in: directory, at: 2)
            let preparation = try DatabaseOpener.prepareSchema(connection, options: options, now: testNow)
            #expect(preparation.applied == Array(3...latest))
            let backupPath = try #require(preparation.backupPath)
            #expect(backupPath == options.path + ".backup-v2-2025-01-02T030405.000")
            #expect(try backups(in: directory) == ["farm.sqlite.backup-v2-2025-01-02T030405.000"])
            #expect(try Connection(path: backupPath, readOnly: true).schemaVersion() == 2)
            #expect(try connection.schemaVersion() == latest)
        }
    }

    @Test("An edited migration is refused")
    func editedMigrationIsRefused() throws {
        try withTemporaryDirectory { (directory) throws in
            let (connection, options) = try open(in: directory, at: latest)
            try connection.execute("UPDATE schema_migrations SET checksum = 'x' WHERE version = 2")
            let expected = MigrationError.edited(version: 2, name: Migration.embedded[1].name)
            #expect(throws: expected) { try Migrator().migrate(connection, now: testNow) }
            #expect(throws: expected) { try DatabaseOpener.prepareSchema(connection, options: options, now: testNow) }
            #expect(throws: expected) { try FarmDatabase.open(options) }
            #expect(try Migrator().status(of: connection).edited.map(\.version) == [2])
        }
    }

    @Test("A database holding a version this binary does not know is refused")
    func unknownNewerVersionIsRefused() throws {
        try withTemporaryDirectory { (directory) throws in
            let (connection, options) = try open(in: directory, at: latest)
            try connection.execute(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, 'from_the_future', 'abc', ?)",
                .integer(Int64(latest + 1)), "2030-01-01 00:00:00.000")
            let expected = MigrationError.unknownVersion(version: latest + 1, newestKnown: latest)
            #expect(throws: expected) { try Migrator().migrate(connection, now: testNow) }
            #expect(throws: expected) { try DatabaseOpener.prepareSchema(connection, options: options, now: testNow) }
            #expect(throws: expected) { try FarmDatabase.open(options) }
            #expect(try backups(in: directory).isEmpty)
        }
    }

    @Test("A migration that fails halfway is rolled back whole, leaving the version and a usable backup")
    func failingMigrationRollsBack() throws {
        try withTemporaryDirectory { (directory) throws in
            let (connection, options) = try open(in: directory, at: latest)
            let farm = Farm(tx: StorageTransaction(connection: connection, now: testNow))
            try farm.worker("kept worker")
            try farm.job("kept job", tasks: [Farm.task("a"), Farm.task("b", dependencies: [0])])
            let broken = try #require(
                Migration(
                    fileName: String(format: "%04d_broken.sql", latest + 1),
                    sql: "CREATE TABLE half_done (a INTEGER); INSERT INTO no_such_table VALUES (1);"))
            let migrator = Migrator(migrations: Migration.embedded + [broken])

            let error = #expect(throws: MigrationError.self) {
                try DatabaseOpener.prepareSchema(connection, options: options, migrator: migrator, now: testNow)
            }
            guard case .failed(let version, let name, let reason)? = error else {
                Issue.record("expected MigrationError.failed, got \(String(describing: error))")
                return
            }
            #expect(version == latest + 1)
            #expect(name == "broken")
            #expect(reason.contains("no_such_table"))

            #expect(try !connection.tableNames().contains("half_done"))
            #expect(try connection.schemaVersion() == latest)
            #expect(!connection.isInTransaction)
            #expect(try connection.scalar("PRAGMA foreign_keys", as: Int.self) == 1)
            #expect(try Migrator().status(of: connection).isCurrent)
            #expect(try connection.count("workers") == 1)
            #expect(try connection.count("tasks") == 2)

            let names = try backups(in: directory)
            #expect(names == ["farm.sqlite.backup-v\(latest)-2025-01-02T030405.000"])
            let backup = try Connection(path: directory.appendingPathComponent(try #require(names.first)).path, readOnly: true)
            try IntegrityCheck.run(on: backup, full: true)
            #expect(try backup.schemaVersion() == latest)
            #expect(try !backup.tableNames().contains("half_done"))
            #expect(try backup.fetchAll("SELECT name FROM workers") { try $0.get(0, as: String.self) } == ["kept worker"])
            #expect(try backup.fetchAll("SELECT name FROM jobs") { try $0.get(0, as: String.self) } == ["kept job"])
            #expect(try backup.count("tasks") == 2)
            #expect(try backup.count("task_dependencies") == 1)
        }
    }

    @Test("A migration leaving foreign-key violations is rolled back")
    func foreignKeyViolatingMigrationRollsBack() throws {
        try withTemporaryDirectory { (directory) throws in
            let (connection, _) = try open(in: directory, at: latest)
            let dangling = try #require(
                Migration(
                    fileName: String(format: "%04d_dangling.sql", latest + 1),
                    sql: """
                        CREATE TABLE notes (job_id INTEGER NOT NULL REFERENCES jobs (id));
                        INSERT INTO notes (job_id) VALUES (12345);
                        """))
            let migrator = Migrator(migrations: Migration.embedded + [dangling])
            #expect(throws: MigrationError.foreignKeyViolation(version: latest + 1, table: "notes")) {
                try migrator.migrate(connection, now: testNow)
            }
            #expect(try !connection.tableNames().contains("notes"))
            #expect(try connection.schemaVersion() == latest)
            #expect(try connection.scalar("PRAGMA foreign_keys", as: Int.self) == 1)
        }
    }

    @Test("The refuse policy on a database that is behind throws pending and changes nothing")
    func refusePolicyThrowsPending() throws {
        try withTemporaryDirectory { (directory) throws in
            var (connection, options) = try open(in: directory, at: 2)
            options.migrationPolicy = .refuse
            let expected = MigrationError.pending(current: 2, latest: latest)
            #expect(throws: expected) { try DatabaseOpener.prepareSchema(connection, options: options, now: testNow) }
            #expect(throws: expected) { try FarmDatabase.open(options) }
            #expect(try connection.schemaVersion() == 2)
            #expect(try backups(in: directory).isEmpty)
        }
    }

    @Test("The refuse policy opens a database that is current")
    func refusePolicyAcceptsCurrentDatabase() async throws {
        try await withTemporaryDirectory { directory in
            var options = DatabaseOptions(path: directory.appendingPathComponent("farm.sqlite").path)
            let first = try FarmDatabase.open(options)
            await first.close()
            options.migrationPolicy = .refuse
            let database = try FarmDatabase.open(options)
            #expect(database.preparation.applied.isEmpty)
            await database.close()
        }
    }

    @Test("Migrating to a version the binary does not have is refused before anything runs")
    func invalidTargetIsRefused() throws {
        try withTemporaryDirectory { (directory) throws in
            let (connection, _) = try open(in: directory, at: 0)
            #expect(throws: MigrationError.invalidTarget(version: 99, newestKnown: latest)) {
                try Migrator().migrate(connection, to: 99, now: testNow)
            }
            #expect(throws: MigrationError.invalidTarget(version: -1, newestKnown: latest)) {
                try Migrator().migrate(connection, to: -1, now: testNow)
            }
            #expect(try !connection.tableNames().contains("workers"))
        }
    }
}
