import AsyncHTTPClient
import Foundation
import ProcessSpawning
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Start-up knows the previous run crashed from the record beside the database, not from a leftover `-wal` file:
/// after a SIGKILL and an operator's `sqlite3` look at the database (which removes the `-wal`), the next start-up
/// still runs the integrity check, and logs that it passed and how long it took.
@Suite struct CleanShutdownRecordTests {
    @Test(.timeLimit(.minutes(3)))
    func aCrashFollowedBySqlite3StillGetsTheIntegrityCheckAndItIsLogged() async throws {
        let binary = try #require(
            TablaoBinary.locate(), "no tablao executable next to the test bundle; run swift build --product tablao first")
        let folder = try temporaryFolder("clean-shutdown")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "tablao.sqlite")
        let storage = folder.appending(path: "storage")

        let crashed = try await RunningManager.start(
            binary: binary, database: database, storage: storage, log: folder.appending(path: "1.log"),
            client: HTTPClient.shared)
        kill(crashed.process.processIdentifier, SIGKILL)
        #expect(await crashed.exit.wait(upTo: .seconds(10)) != nil)
        // The operator looks at the database as README.md shows; sqlite3 checkpoints and removes the -wal.
        let look = try await runCommand(
            URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", database.path, "SELECT count(*) FROM workers"])
        #expect(look.status == 0, "\(look.output)")
        try #require(
            !FileManager.default.fileExists(atPath: database.path + "-wal"), "sqlite3 left the -wal file in place")

        let afterCrash = try await RunningManager.start(
            binary: binary, database: database, storage: storage, log: folder.appending(path: "2.log"),
            client: HTTPClient.shared)
        #expect(await afterCrash.stop() == 0)
        let afterCrashLog = (try? String(contentsOf: afterCrash.logURL, encoding: .utf8)) ?? ""
        #expect(afterCrashLog.contains("Start-up integrity check passed"), "\(afterCrashLog)")
        #expect(afterCrashLog.contains("duration_ms="), "\(afterCrashLog)")
        #expect(afterCrashLog.contains("PID \(crashed.process.processIdentifier) did not stop gracefully"), "\(afterCrashLog)")

        // That run stopped cleanly: the next start-up skips the check.
        let afterCleanStop = try await RunningManager.start(
            binary: binary, database: database, storage: storage, log: folder.appending(path: "3.log"),
            client: HTTPClient.shared)
        #expect(await afterCleanStop.stop() == 0)
        let afterCleanStopLog = (try? String(contentsOf: afterCleanStop.logURL, encoding: .utf8)) ?? ""
        #expect(!afterCleanStopLog.contains("integrity check passed"), "\(afterCleanStopLog)")
    }
}
