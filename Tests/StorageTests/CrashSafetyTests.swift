import FarmModel
import Foundation
import ProcessSpawning
import SQLite
@testable import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Kills the real `tablao write-loop` with SIGKILL mid-flight and checks that every commit it reported survived.
@Suite("Crash safety")
struct CrashSafetyTests {
    /// How many `committed N` lines to wait for before killing the process.
    private static let linesBeforeKill = 200
    /// How many times the same database file is written to and killed.
    private static let rounds = 3

    /// `tablao`, built next to the test bundle (`swift build --product tablao` with the same scratch path).
    private static func tablaoBinary() -> URL? {
        var directories: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let first = CommandLine.arguments.first {
            let executable = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            directories += [executable.deletingLastPathComponent(), executable.deletingLastPathComponent().deletingLastPathComponent()]
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return directories.map { $0.appendingPathComponent("tablao") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) && !isDirectory($0) }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// What one killed run printed.
    private struct Round: Sendable {
        var committed: [Int]
        var exitedBeforeKill: Bool
        var terminationReason: SpawnedProcess.TerminationReason
        var terminationStatus: Int32
        var standardError: String
    }

    /// Starts `tablao write-loop`, reads its output until `linesBeforeKill` commits, SIGKILLs it and collects every
    /// line it printed. Blocking pipe reads run on their own thread, never on Swift's shared pool.
    private static func runAndKill(binary: URL, database: String) async throws -> Round {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Round, any Error>) in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runAndKillBlocking(binary: binary, database: database) })
            }
        }
    }

    private static func runAndKillBlocking(binary: URL, database: String) throws -> Round {
        let process = SpawnedProcess()
        process.executableURL = binary
        process.arguments = ["write-loop", "--database", database]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()

        var buffer = Data()
        var committed: [Int] = []
        func takeLines() {
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                if line.hasPrefix("committed "), let value = Int(line.dropFirst("committed ".count)) {
                    committed.append(value)
                }
            }
        }
        let reader = output.fileHandleForReading
        var exitedBeforeKill = false
        while committed.count < linesBeforeKill {
            let chunk = reader.availableData
            if chunk.isEmpty {
                exitedBeforeKill = true
                break
            }
            buffer.append(chunk)
            takeLines()
        }
        if !exitedBeforeKill { kill(process.processIdentifier, SIGKILL) }
        // Lines printed before the kill landed were printed after their commit: collect them too.
        buffer.append(reader.readDataToEndOfFile())
        takeLines()
        process.waitUntilExit()
        let standardError = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Round(
            committed: committed, exitedBeforeKill: exitedBeforeKill, terminationReason: process.terminationReason,
            terminationStatus: process.terminationStatus, standardError: standardError)
    }

    @Test("Every commit write-loop reported survives SIGKILL, three times on the same file, and the file stays intact")
    func reportedCommitsSurviveSigkill() async throws {
        let binary = try #require(
            Self.tablaoBinary(),
            """
            tablao binary not found next to the test bundle (\(Bundle.main.bundleURL.path)); build it first with \
            `swift build --product tablao` using the same --scratch-path as `swift test`
            """)
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("crash.sqlite").path
            var survivingRounds: [(table: String, committed: [Int])] = []

            for round in 1...Self.rounds {
                let result = try await Self.runAndKill(binary: binary, database: path)
                try #require(
                    !result.exitedBeforeKill,
                    "write-loop exited after \(result.committed.count) commits (round \(round)): \(result.standardError)")
                #expect(result.terminationReason == .uncaughtSignal)
                #expect(result.terminationStatus == SIGKILL)
                #expect(result.committed.count >= Self.linesBeforeKill)
                #expect(result.committed == Array(1...result.committed.count), "commits are reported in order")

                let database = try FarmDatabase.open(DatabaseOptions(path: path))
                let check = try await database.read { tx in
                    try tx.connection.fetchAll("PRAGMA integrity_check") { try $0.get(0, as: String.self) }
                }
                #expect(check == ["ok"], "integrity_check after round \(round)")
                try await database.checkIntegrity(full: true)
                #expect(try await database.read { tx in try Migrator().status(of: tx.connection).isCurrent })

                let stored = try await database.read { tx in try tx.crashTestLedger.values() }
                let missing = result.committed.flatMap { n in (0..<4).map { n * 4 + $0 } }.filter { !stored.contains($0) }
                #expect(missing.isEmpty, "round \(round): \(missing.count) reported values missing, first \(missing.prefix(8))")
                // The loop waits for each number's four writes, so at most the number after the last one printed
                // can be (partly) stored; nothing later.
                let lastPrinted = try #require(result.committed.last)
                #expect((stored.max() ?? 0) / 4 <= lastPrinted + 1, "round \(round): rows beyond the write in flight")

                // write-loop numbers from 1 again on each start, so move this round's rows aside for the next run.
                let table = "crash_test_ledger_round_\(round)"
                try await database.write { tx in try tx.connection.execute("ALTER TABLE crash_test_ledger RENAME TO \(table)") }
                survivingRounds.append((table, result.committed))
                await database.close()
            }

            // Earlier rounds' commits survived the later kills too.
            let database = try FarmDatabase.open(DatabaseOptions(path: path))
            for (table, committed) in survivingRounds {
                let stored = try await database.read { tx in
                    Set(try tx.connection.fetchAll("SELECT value FROM \(table)") { try $0.get(0, as: Int.self) })
                }
                let expected = Set(committed.flatMap { n in (0..<4).map { n * 4 + $0 } })
                #expect(expected.isSubset(of: stored), "\(table)")
            }
            try await database.checkIntegrity(full: true)
            await database.close()
        }
    }
}
