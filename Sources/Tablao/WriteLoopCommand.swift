import ArgumentParser
import Foundation
import SQLite
import Storage

/// `tablao write-loop`: a hidden crash-test helper that commits numbered rows and prints each one after COMMIT.
///
/// Tests SIGKILL it mid-loop and check that every row it printed is still in the database.
struct WriteLoopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write-loop", abstract: "Crash-test helper: commit rows and report them.", shouldDisplay: false)

    @OptionGroup var options: DatabaseOption
    @Option(name: .long, help: "How many transactions to commit (0 = until killed).") var count: Int = 0

    func run() async throws {
        let database = try FarmDatabase.open(DatabaseOptions(path: options.database))
        // Continue the numbering of an earlier run on the same file, so a restart after a kill appends.
        var sequence = try await database.write { tx in
            try tx.crashTestLedger.createIfNeeded()
            return (try tx.crashTestLedger.values().max() ?? -1) / 4
        }
        let last = count == 0 ? Int.max : sequence + count
        while sequence < last {
            sequence += 1
            let value = sequence
            // Several concurrent writers, so group commit and savepoints are exercised too.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for part in 0..<4 {
                    group.addTask { try await database.write { tx in try tx.crashTestLedger.append(value * 4 + part) } }
                }
                try await group.waitForAll()
            }
            FileHandle.standardOutput.write(Data("committed \(value)\n".utf8))
        }
        await database.close()
    }
}
