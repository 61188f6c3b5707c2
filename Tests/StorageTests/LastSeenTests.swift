import FarmModel
import Foundation
import Storage
import Synchronization
import Testing

/// `last_seen_at` is kept to the second: calls within one second write the row once.
@Suite struct LastSeenTests {
    @Test func callsWithinOneSecondWriteTheRowOnce() async throws {
        try await withTemporaryDirectory { directory in
            let now = Mutex(Date(timeIntervalSince1970: 1_714_557_600.100))
            let database = try FarmDatabase.open(
                DatabaseOptions(path: directory.appending(path: "farm.sqlite").path), clock: { now.withLock { $0 } })
            let worker = try await database.write { tx in
                try tx.workers.register(
                    WorkerRepository.Registration(
                        id: .random(), name: "w", address: "a", platform: "linux", supportedTaskTypes: ["misc"],
                        secretSalt: [1], secretHash: [2]))
            }
            func touch(at seconds: Double) async throws -> Date? {
                now.withLock { $0 = Date(timeIntervalSince1970: seconds) }
                try await database.write { tx in try tx.workers.touchLastSeen(rowID: worker.rowID) }
                return try await database.read { tx in try tx.workers.find(rowID: worker.rowID)?.lastSeen }
            }
            let first = try await touch(at: 1_714_557_600.100)
            #expect(first.map { abs($0.timeIntervalSince1970 - 1_714_557_600.100) < 0.000_5 } == true)
            // Same second: unchanged.
            #expect(try await touch(at: 1_714_557_600.900) == first)
            // Next second: written.
            let later = try await touch(at: 1_714_557_601.050)
            #expect(later.map { abs($0.timeIntervalSince1970 - 1_714_557_601.050) < 0.000_5 } == true)
            await database.close()
        }
    }
}
