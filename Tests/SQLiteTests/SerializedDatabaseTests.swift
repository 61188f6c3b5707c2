import Foundation
import SQLite
import Synchronization
import Testing

@Suite("SerializedDatabase: one connection on its own thread, with group commit")
struct SerializedDatabaseTests {
    /// A serialized database over a new file holding `t (n INTEGER PRIMARY KEY)`; closed and removed afterwards.
    private func withDatabase(_ body: (SerializedDatabase) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let connection = try Connection(path: directory.appendingPathComponent("serialized.sqlite").path)
            try connection.executeScript(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (n INTEGER PRIMARY KEY);")
            let database = SerializedDatabase(connection: connection)
            do {
                try await body(database)
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        }
    }

    private func values(_ database: SerializedDatabase) async throws -> [Int] {
        try await database.run { db in try db.fetchAll("SELECT n FROM t ORDER BY n") { try $0.get(0, as: Int.self) } }
    }

    /// Holds the database thread in a plain `run` until `release` is signalled, so writes pile up behind it.
    private final class Gate: Sendable {
        let entered = Atomic<Bool>(false)
        let submitted = Atomic<Int>(0)
        let release = DispatchSemaphore(value: 0)

        func waitUntilEntered() async throws {
            while !entered.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(1)) }
        }

        func waitUntilSubmitted(_ count: Int) async throws {
            while submitted.load(ordering: .acquiring) < count { try await Task.sleep(for: .milliseconds(1)) }
            // Each writer counts itself just before it enqueues, without suspending in between; leave it time.
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    private func closeGate(on database: SerializedDatabase) async throws -> (Gate, Task<Void, any Error>) {
        let gate = Gate()
        let blocker = Task {
            try await database.run { _ in
                gate.entered.store(true, ordering: .releasing)
                gate.release.wait()
            }
        }
        try await gate.waitUntilEntered()
        return (gate, blocker)
    }

    @Test("500 concurrent writes all commit")
    func concurrentWritesAllCommit() async throws {
        try await withDatabase { database in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for value in 0..<500 {
                    group.addTask {
                        try await database.write { db in try db.execute("INSERT INTO t (n) VALUES (?)", .integer(Int64(value))) }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await values(database) == Array(0..<500))
            let statistics = database.batchStatistics
            #expect(statistics.writes == 500)
            #expect(statistics.transactions <= statistics.writes)
            #expect(statistics.transactions >= (500 + SerializedDatabase.maximumBatchSize - 1) / SerializedDatabase.maximumBatchSize)
        }
    }

    @Test("Writes queued together share transactions (group commit), bounded by the batch size")
    func queuedWritesShareTransactions() async throws {
        try await withDatabase { database in
            let (gate, blocker) = try await closeGate(on: database)
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for value in 0..<500 {
                    group.addTask {
                        gate.submitted.add(1, ordering: .releasing)
                        return try await database.write { db in
                            try db.execute("INSERT INTO t (n) VALUES (?)", .integer(Int64(value)))
                            return value
                        }
                    }
                }
                try await gate.waitUntilSubmitted(500)
                gate.release.signal()
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            try await blocker.value
            #expect(results.sorted() == Array(0..<500))
            #expect(try await values(database) == Array(0..<500))
            let statistics = database.batchStatistics
            #expect(statistics.writes == 500)
            #expect(statistics.transactions < statistics.writes)
            // 500 writes waiting at once fill batches of at most 64: ⌈500 / 64⌉ = 8 transactions (a writer
            // descheduled just before enqueueing could add one or two).
            let minimum = (500 + SerializedDatabase.maximumBatchSize - 1) / SerializedDatabase.maximumBatchSize
            #expect(statistics.transactions >= minimum)
            #expect(statistics.transactions <= minimum + 2)
        }
    }

    @Test("A throwing write among concurrent ones rolls back only itself and its caller gets the error")
    func throwingWriteRollsBackOnlyItself() async throws {
        try await withDatabase { database in
            let (gate, blocker) = try await closeGate(on: database)
            let outcomes = try await withThrowingTaskGroup(of: (Int, Result<Int, IntentionalFailure>).self) { group in
                for value in 0..<10 {
                    group.addTask {
                        gate.submitted.add(1, ordering: .releasing)
                        do {
                            let written = try await database.write { db in
                                try db.execute("INSERT INTO t (n) VALUES (?)", .integer(Int64(value)))
                                if value == 5 {
                                    try db.execute("DELETE FROM t WHERE n < 5")  // undone with the rest of this write
                                    throw IntentionalFailure(tag: value)
                                }
                                return value
                            }
                            return (value, .success(written))
                        } catch let failure as IntentionalFailure {
                            return (value, .failure(failure))
                        }
                    }
                }
                try await gate.waitUntilSubmitted(10)
                gate.release.signal()
                return try await group.reduce(into: [Int: Result<Int, IntentionalFailure>]()) { $0[$1.0] = $1.1 }
            }
            try await blocker.value
            #expect(outcomes.count == 10)
            for (value, outcome) in outcomes {
                if value == 5 {
                    #expect(outcome == .failure(IntentionalFailure(tag: 5)))
                } else {
                    #expect(outcome == .success(value))
                }
            }
            #expect(try await values(database) == [0, 1, 2, 3, 4, 6, 7, 8, 9])
            // They shared transactions (all ten normally share one): the failure did not take the others down with it.
            #expect(database.batchStatistics.writes == 10)
            #expect(database.batchStatistics.transactions < 10)
        }
    }

    @Test("A write whose failure makes SQLite roll back the whole shared transaction fails every caller truthfully")
    func wholeTransactionRollbackIsReportedToEveryone() async throws {
        try await withDatabase { database in
            try await database.write { db in try db.execute("INSERT INTO t (n) VALUES (100)") }
            let (gate, blocker) = try await closeGate(on: database)
            let outcomes = try await withThrowingTaskGroup(of: (Int, SQLiteError?).self) { group in
                for value in [1, 2, 100, 3, 4] {
                    group.addTask {
                        gate.submitted.add(1, ordering: .releasing)
                        do {
                            // OR ROLLBACK: a conflict ends the whole transaction, not just this write's savepoint.
                            try await database.write { db in
                                try db.execute("INSERT OR ROLLBACK INTO t (n) VALUES (?)", .integer(Int64(value)))
                            }
                            return (value, nil)
                        } catch let error as SQLiteError {
                            return (value, error)
                        }
                    }
                }
                try await gate.waitUntilSubmitted(5)
                gate.release.signal()
                return try await group.reduce(into: [Int: SQLiteError?]()) { $0[$1.0] = $1.1 }
            }
            try await blocker.value
            let stored = Set(try await values(database))
            #expect(outcomes.count == 5)
            // The culprit gets its own constraint error.
            #expect(outcomes[100]??.primaryCode == 19)
            // Every caller told "committed" has its row; every caller told "failed" has none.
            for value in [1, 2, 3, 4] {
                let failed = outcomes[value]! != nil
                #expect(stored.contains(value) == !failed, "write \(value): failed = \(failed), stored = \(stored)")
            }
            // The database is left outside any transaction and takes the next write.
            try await database.write { db in try db.execute("INSERT INTO t (n) VALUES (5)") }
            #expect(try await values(database).contains(5))
            let leftOpen = try await database.run { db in db.isInTransaction }
            #expect(!leftOpen)
        }
    }

    @Test("A failing write on its own leaves no trace and the next write works")
    func failingWriteAloneLeavesNoTrace() async throws {
        try await withDatabase { database in
            await #expect(throws: SQLiteError.self) {
                try await database.write { db in
                    try db.execute("INSERT INTO t (n) VALUES (1)")
                    try db.execute("INSERT INTO t (n) VALUES (1)")
                }
            }
            try await database.write { db in try db.execute("INSERT INTO t (n) VALUES (2)") }
            #expect(try await values(database) == [2])
            let leftOpen = try await database.run { db in db.isInTransaction }
            #expect(!leftOpen)
        }
    }

    @Test("write runs inside a transaction; run does not")
    func writeIsTransactionalRunIsNot() async throws {
        try await withDatabase { database in
            let insideWrite = try await database.write { db in db.isInTransaction }
            let insideRun = try await database.run { db in db.isInTransaction }
            #expect(insideWrite)
            #expect(!insideRun)
        }
    }

    @Test("Work runs on the database's own thread, not the caller's")
    func workRunsOnDedicatedThread() async throws {
        try await withDatabase { database in
            let writeThread = try await database.write { _ in Thread.current.name }
            let runThread = try await database.run { _ in Thread.current.name }
            let isMain = try await database.run { _ in Thread.isMainThread }
            #expect(writeThread == "tablao.sqlite")
            #expect(runThread == "tablao.sqlite")
            #expect(!isMain)
        }
    }

    @Test("After close, write and run throw and nothing more is written")
    func callsAfterCloseThrow() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("closed.sqlite").path
            let connection = try Connection(path: path)
            try connection.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)")
            let database = SerializedDatabase(connection: connection)
            try await database.write { db in try db.execute("INSERT INTO t (n) VALUES (1)") }
            await database.close()
            let writeError = await #expect(throws: SQLiteError.self) {
                try await database.write { db in try db.execute("INSERT INTO t (n) VALUES (2)") }
            }
            #expect(writeError?.extendedCode == ResultCode.misuse)
            await #expect(throws: SQLiteError.self) { try await database.run { db in try db.count("t") } }
            let reopened = try Connection(path: path, readOnly: true)
            #expect(try reopened.count("t") == 1)
        }
    }

    @Test("close finishes work queued before it")
    func closeFinishesQueuedWork() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("drain.sqlite").path
            let connection = try Connection(path: path)
            try connection.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)")
            let database = SerializedDatabase(connection: connection)
            let (gate, blocker) = try await closeGate(on: database)
            let pending = Task {
                gate.submitted.add(1, ordering: .releasing)
                try await database.write { db in try db.execute("INSERT INTO t (n) VALUES (7)") }
            }
            try await gate.waitUntilSubmitted(1)
            gate.release.signal()
            await database.close()
            try await blocker.value
            try await pending.value
            #expect(try Connection(path: path, readOnly: true).count("t") == 1)
        }
    }
}

@Suite("SerializedDatabase: closing")
struct SerializedDatabaseClosingTests {
    /// Whether `close()` returns within `seconds` (a hung close is left behind, suspended, rather than hanging the run).
    private func closeReturns(_ database: SerializedDatabase, within seconds: Int) async throws -> Bool {
        let flag = Flag()
        Task {
            await database.close()
            flag.value.store(true, ordering: .releasing)
        }
        for _ in 0..<(seconds * 100) {
            if flag.value.load(ordering: .acquiring) { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    private final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    @Test("Closing twice, one after the other or at once, returns both times")
    func closingTwiceReturns() async throws {
        try await withTemporaryDirectory { directory in
            let first = SerializedDatabase(connection: try Connection(path: directory.appendingPathComponent("a.sqlite").path))
            #expect(try await closeReturns(first, within: 5))
            #expect(try await closeReturns(first, within: 5))

            let second = SerializedDatabase(connection: try Connection(path: directory.appendingPathComponent("b.sqlite").path))
            async let one = closeReturns(second, within: 5)
            async let two = closeReturns(second, within: 5)
            let both = try await [one, two]
            #expect(both == [true, true])
        }
    }
}
