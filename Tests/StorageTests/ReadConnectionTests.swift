import FarmModel
import Foundation
import SQLite
@testable import Storage
import Testing

/// `FarmDatabase.read` runs on its own read-only connection: it sees every committed write, never waits for the
/// writer, cannot write, and reads one snapshot.
@Suite struct ReadConnectionTests {
    private func register(_ name: String, in tx: StorageTransaction) throws -> Worker {
        try tx.workers.register(
            WorkerRepository.Registration(
                id: .random(), name: name, address: "127.0.0.1", platform: "linux", supportedTaskTypes: ["misc"],
                secretSalt: [1], secretHash: [2]))
    }

    @Test func aReadSeesTheWriteThatReturnedJustBefore() async throws {
        try await withTemporaryDirectory { directory in
            let database = try FarmDatabase.open(DatabaseOptions(path: directory.appending(path: "farm.sqlite").path))
            for index in 0..<50 {
                let worker = try await database.write { tx in try register("w\(index)", in: tx) }
                let found = try await database.read { tx in try tx.workers.find(rowID: worker.rowID) }
                #expect(found?.name == "w\(index)")
            }
            await database.close()
        }
    }

    @Test func aReadCompletesWhileAWriteTransactionIsStillOpen() async throws {
        try await withTemporaryDirectory { directory in
            let database = try FarmDatabase.open(DatabaseOptions(path: directory.appending(path: "farm.sqlite").path))
            _ = try await database.write { tx in try register("before", in: tx) }
            let writeStarted = ManagedFlag()
            let writeMayEnd = ManagedFlag()
            let slowWrite = Task {
                try await database.write { tx in
                    _ = try register("during", in: tx)
                    writeStarted.set()
                    // Holds the write transaction open until the read below has finished.
                    let deadline = Date().addingTimeInterval(20)
                    while !writeMayEnd.isSet, Date() < deadline { usleep(1_000) }
                }
            }
            while !writeStarted.isSet { try await Task.sleep(for: .milliseconds(5)) }
            let names = try await database.read { tx in try tx.workers.list().map(\.name) }
            writeMayEnd.set()
            try await slowWrite.value
            // The read ran inside the open write and saw only the committed state.
            #expect(names == ["before"])
            let after = try await database.read { tx in try tx.workers.list().map(\.name) }
            #expect(Set(after) == ["before", "during"])
            await database.close()
        }
    }

    @Test func aReadBodyCannotWrite() async throws {
        try await withTemporaryDirectory { directory in
            let database = try FarmDatabase.open(DatabaseOptions(path: directory.appending(path: "farm.sqlite").path))
            await #expect(throws: SQLiteError.self) {
                _ = try await database.read { tx in try register("sneaky", in: tx) }
            }
            #expect(try await database.read { tx in try tx.workers.list() }.isEmpty)
            await database.close()
        }
    }
}

/// A flag set from one thread and polled from another.
private final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
