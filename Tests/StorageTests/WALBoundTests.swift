import FarmModel
import Foundation
import Testing

@testable import Storage

@Suite("The -wal file stays bounded under continuous writes")
struct WALBoundTests {
    /// Size of the `-wal` file, 0 when there is none.
    static func walSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber)?.intValue ?? 0
    }

    @Test func walStaysNearItsLimitWhileFarMoreIsWrittenAndTruncatesOnCheckpoint() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("farm.sqlite").path
            var options = DatabaseOptions(path: path)
            options.walSizeLimitBytes = 1 << 20
            let database = try FarmDatabase.open(options)
            // 4,000 transactions of ~16 KiB each: about 64 MiB through the WAL.
            let payload = String(repeating: "x", count: 16 << 10)
            var largest = 0
            for round in 0..<4_000 {
                _ = try await database.write { tx in
                    try tx.workers.register(
                        WorkerRepository.Registration(
                            id: .random(), name: "\(round)-\(payload)", address: "", platform: "linux",
                            supportedTaskTypes: ["misc"], secretSalt: [1], secretHash: [2]))
                }
                if round % 50 == 0 { largest = max(largest, Self.walSize(path)) }
            }
            // SQLite's automatic checkpoint every 1,000 pages restarts the log; journal_size_limit trims the file.
            #expect(largest > 0)
            #expect(largest < 8 << 20, "the -wal file reached \(largest) bytes")
            try await database.checkpoint(truncate: true)
            #expect(Self.walSize(path) == 0)
            await database.close()
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }
}
