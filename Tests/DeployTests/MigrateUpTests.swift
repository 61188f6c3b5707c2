import AsyncHTTPClient
import Foundation
import ProcessSpawning
import SQLite
import Storage
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `tablao migrate up` creates a database only when told to, and clears unfinished backups a killed run left.
@Suite struct MigrateUpTests {
    let binary: URL

    init() throws {
        binary = try #require(
            TablaoBinary.locate(), "no tablao executable next to the test bundle; run swift build --product tablao first")
    }

    @Test func upRefusesAMissingDatabaseUnlessToldToCreateIt() async throws {
        let folder = try temporaryFolder("migrate-create")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "tablao.sqlite")

        let refused = try await runCommand(binary, ["migrate", "up", "--database", database.path])
        #expect(refused.status != 0, "\(refused.output)")
        #expect(refused.output.contains("no database at \(database.path)"), "\(refused.output)")
        #expect(refused.output.contains("--create"), "\(refused.output)")
        // One line that says what to do, not ArgumentParser's usage text after it.
        #expect(!refused.output.contains("Usage:"), "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: database.path))

        let created = try await runCommand(binary, ["migrate", "up", "--create", "--database", database.path])
        #expect(created.status == 0, "\(created.output)")
        let verified = try await runCommand(binary, ["migrate", "verify", "--database", database.path])
        #expect(verified.status == 0, "\(verified.output)")
    }

    @Test func upRemovesAndReportsAnUnfinishedBackup() async throws {
        let folder = try temporaryFolder("migrate-partial")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "tablao.sqlite")
        let opened = try FarmDatabase.open(DatabaseOptions(path: database.path))
        await opened.close()
        // What a `migrate up` killed during its backup leaves: a partial copy under the temporary name.
        let partial = folder.appending(path: "tablao.sqlite.backup-v2-2026-01-01T000000.000.partial")
        #expect(FileManager.default.createFile(atPath: partial.path, contents: Data("SQLite format 3".utf8)))
        let unrelated = folder.appending(path: "tablao.sqlite.backup-v2-2026-01-01T000000.000")
        #expect(FileManager.default.createFile(atPath: unrelated.path, contents: Data()))

        let result = try await runCommand(binary, ["migrate", "up", "--database", database.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("removed an unfinished backup a killed migration left behind: \(partial.path)"),
            "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: partial.path))
        #expect(FileManager.default.fileExists(atPath: unrelated.path), "a finished backup must never be removed")
    }

    @Test func upRefusesADatabaseARunningManagerServes() async throws {
        let folder = try temporaryFolder("migrate-live")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "tablao.sqlite")
        let manager = try await RunningManager.start(
            binary: binary, database: database, storage: folder.appending(path: "storage"),
            log: folder.appending(path: "serve.log"), client: HTTPClient.shared)
        let refused = try await runCommand(binary, ["migrate", "up", "--database", database.path])
        let stopped = await manager.stop()

        #expect(refused.status != 0, "\(refused.output)")
        #expect(
            refused.output.contains(
                "\(database.path) is already served by another Tablao Manager (PID \(manager.process.processIdentifier)"),
            "\(refused.output)")
        #expect(stopped == 0, "\(manager.logTail)")
        // The refused migrate left the Manager's record alone: its clean stop is recorded.
        let record = try String(contentsOfFile: database.path + ".lock", encoding: .utf8)
        #expect(record.hasPrefix("clean"), "\(record)")
    }

    @Test(.timeLimit(.minutes(3)))
    func upKilledDuringItsBackupNeverLeavesAnIncompleteFileUnderTheBackupsName() async throws {
        let folder = try temporaryFolder("migrate-killed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "tablao.sqlite")
        // A database one migration behind, large enough that its backup takes a moment.
        do {
            let connection = try DatabaseOpener.openConnection(DatabaseOptions(path: database.path))
            _ = try Migrator().migrate(connection, to: Migrator().latestVersion - 1)
            try connection.execute("CREATE TABLE ballast (bytes BLOB NOT NULL)")
            try connection.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                    + "INSERT INTO ballast SELECT randomblob(100000) FROM n")
        }

        let process = SpawnedProcess()
        process.executableURL = binary
        process.arguments = ["migrate", "up", "--database", database.path]
        process.environment = cleanEnvironment()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let exit = ExitStatus()
        process.terminationHandler = { exit.record($0.terminationStatus) }
        try process.run()
        // Killed as soon as any backup file appears, while the copy is being written.
        let deadline = ContinuousClock.now + .seconds(60)
        while backups(in: folder).isEmpty && exit.value == nil && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(1))
        }
        kill(process.processIdentifier, SIGKILL)
        _ = await exit.wait(upTo: .seconds(10))
        try #require(!backups(in: folder).isEmpty, "migrate up finished or failed before a backup file appeared")

        for name in backups(in: folder) where !name.contains(".partial") {
            // A file under a backup's final name must be a whole copy of the database.
            let copy = try Connection(path: folder.appending(path: name).path, readOnly: true)
            let rows = try? copy.scalar("SELECT count(*) FROM ballast", as: Int.self)
            #expect(rows == 3000, "\(name) is an incomplete backup")
        }
        let rerun = try await runCommand(binary, ["migrate", "up", "--database", database.path])
        #expect(rerun.status == 0, "\(rerun.output)")
        #expect(backups(in: folder).allSatisfy { !$0.contains(".partial") }, "\(backups(in: folder))")
    }

    private func backups(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.hasPrefix("tablao.sqlite.backup-")
        }
    }
}
