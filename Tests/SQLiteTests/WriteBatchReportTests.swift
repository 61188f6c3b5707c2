import Foundation
import SQLite
import Synchronization
import Testing

@Suite("SerializedDatabase reports each write batch to its observer")
struct WriteBatchReportTests {
    /// Collects the reports the writer's thread hands over.
    private final class Reports: Sendable {
        let all = Mutex<[WriteBatchReport]>([])
        func append(_ report: WriteBatchReport) { all.withLock { $0.append(report) } }
        var list: [WriteBatchReport] { all.withLock { $0 } }
    }

    /// A serialized database over a new file holding `t (n INTEGER PRIMARY KEY)`, observed into `reports`.
    private func withObservedDatabase(_ body: (SerializedDatabase, Reports) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let connection = try Connection(path: directory.appendingPathComponent("observed.sqlite").path)
            try connection.executeScript("PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER PRIMARY KEY);")
            let database = SerializedDatabase(connection: connection)
            let reports = Reports()
            database.observeWriteBatches { reports.append($0) }
            do {
                try await body(database, reports)
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        }
    }

    /// The observer runs on the writer's thread after the callers are answered; a plain `run` queued behind the
    /// writes returns only once the thread has finished with them.
    private func drain(_ database: SerializedDatabase) async throws {
        try await database.run { _ in }
    }

    @Test("A committed write is reported once, committed, carrying one write, with its commit inside its transaction")
    func committedWriteIsReported() async throws {
        try await withObservedDatabase { database, reports in
            try await database.write { db in try db.execute("INSERT INTO t (n) VALUES (1)") }
            try await drain(database)
            let list = reports.list
            #expect(list.count == 1)
            let report = try #require(list.first)
            #expect(report.committed)
            #expect(report.writes == 1)
            #expect(report.commitDuration > .zero)
            #expect(report.commitDuration <= report.transactionDuration)
        }
    }

    @Test("A write that throws rolls back only its savepoint: the batch still commits and is reported so")
    func throwingWriteStillCommitsItsBatch() async throws {
        struct Refused: Error {}
        try await withObservedDatabase { database, reports in
            await #expect(throws: Refused.self) {
                try await database.write { db in
                    try db.execute("INSERT INTO t (n) VALUES (2)")
                    throw Refused()
                }
            }
            try await drain(database)
            #expect(reports.list.map(\.committed) == [true])
        }
    }

    @Test("A batch SQLite rolls back whole is reported as not committed, and plain work is never reported")
    func rolledBackBatchIsReportedAsFailed() async throws {
        try await withObservedDatabase { database, reports in
            try await database.write { db in try db.execute("INSERT INTO t (n) VALUES (7)") }
            await #expect(throws: SQLiteError.self) {
                // OR ROLLBACK: the conflict ends the whole transaction, so nothing of the batch commits.
                try await database.write { db in try db.execute("INSERT OR ROLLBACK INTO t (n) VALUES (7)") }
            }
            try await database.run { db in try db.execute("PRAGMA wal_checkpoint(PASSIVE)") }
            try await drain(database)
            let list = reports.list
            #expect(list.map(\.committed) == [true, false])
            #expect(list.last?.writes == 1)
            #expect(list.last?.commitDuration == .zero)
        }
    }
}
