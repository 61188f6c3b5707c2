import Foundation
import SQLite
import Testing

@Suite("Transactions and savepoints")
struct TransactionTests {
    private func values(_ db: Connection) throws -> [Int] {
        try db.fetchAll("SELECT n FROM t ORDER BY n") { try $0.get(0, as: Int.self) }
    }

    @Test("transaction commits when the body succeeds and returns its value")
    func transactionCommits() throws {
        try withConnection { (db) throws in
            try db.execute("CREATE TABLE t (n INTEGER)")
            let result = try db.transaction {
                #expect(db.isInTransaction)
                try db.execute("INSERT INTO t VALUES (1)")
                try db.execute("INSERT INTO t VALUES (2)")
                return "done"
            }
            #expect(result == "done")
            #expect(!db.isInTransaction)
            #expect(try values(db) == [1, 2])
        }
    }

    @Test("transaction rolls back when the body throws, rethrows the error and leaves the connection usable")
    func transactionRollsBack() throws {
        try withConnection { (db) throws in
            try db.execute("CREATE TABLE t (n INTEGER)")
            try db.execute("INSERT INTO t VALUES (0)")
            #expect(throws: IntentionalFailure(tag: 7)) {
                try db.transaction {
                    try db.execute("INSERT INTO t VALUES (1)")
                    try db.execute("UPDATE t SET n = n + 100")
                    throw IntentionalFailure(tag: 7)
                }
            }
            #expect(!db.isInTransaction)
            #expect(try values(db) == [0])
            // A named function, not a closure: Swift 6.3 can give this closure the same symbol as the
            // #expect(throws:) closure above and run that one instead.
            func insertThree() throws { try db.execute("INSERT INTO t VALUES (3)") }
            try db.transaction(insertThree)
            #expect(try values(db) == [0, 3])
        }
    }

    @Test("transaction rolls back when a statement in it fails, with the SQLite error rethrown")
    func transactionRollsBackOnSQLiteError() throws {
        try withConnection { (db) throws in
            try db.execute("CREATE TABLE t (n INTEGER CHECK (n > 0))")
            let error = #expect(throws: SQLiteError.self) {
                try db.transaction {
                    try db.execute("INSERT INTO t VALUES (1)")
                    try db.execute("INSERT INTO t VALUES (-1)")
                }
            }
            #expect(error?.extendedCode == ResultCode.constraintCheck)
            #expect(!db.isInTransaction)
            #expect(try values(db) == [])
        }
    }

    @Test("A transaction is visible to another connection only after commit")
    func transactionIsIsolatedUntilCommit() throws {
        try withTemporaryDirectory { (directory) throws in
            let path = directory.appendingPathComponent("shared.sqlite").path
            let writer = try Connection(path: path)
            try writer.execute("PRAGMA journal_mode = WAL")
            try writer.execute("CREATE TABLE t (n INTEGER)")
            let reader = try Connection(path: path, readOnly: true)
            try writer.transaction {
                try writer.execute("INSERT INTO t VALUES (1)")
                #expect(try reader.count("t") == 0)
            }
            #expect(try reader.count("t") == 1)
        }
    }

    @Test("savepoint undoes only its own part of the surrounding transaction")
    func savepointUndoesOnlyItsPart() throws {
        try withConnection { (db) throws in
            try db.execute("CREATE TABLE t (n INTEGER)")
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (1)")
                #expect(throws: IntentionalFailure.self) {
                    try db.savepoint {
                        try db.execute("INSERT INTO t VALUES (2)")
                        try db.execute("DELETE FROM t WHERE n = 1")
                        throw IntentionalFailure()
                    }
                }
                #expect(db.isInTransaction)
                let kept = try db.savepoint {
                    try db.execute("INSERT INTO t VALUES (3)")
                    return 3
                }
                #expect(kept == 3)
                try db.execute("INSERT INTO t VALUES (4)")
            }
            #expect(try values(db) == [1, 3, 4])
        }
    }

    @Test("A savepoint outside a transaction commits on release and undoes everything on throw")
    func savepointAloneActsAsTransaction() throws {
        try withConnection { (db) throws in
            try db.execute("CREATE TABLE t (n INTEGER)")
            try db.savepoint { try db.execute("INSERT INTO t VALUES (1)") }
            #expect(!db.isInTransaction)
            #expect(throws: IntentionalFailure.self) {
                try db.savepoint {
                    try db.execute("INSERT INTO t VALUES (2)")
                    throw IntentionalFailure()
                }
            }
            #expect(!db.isInTransaction)
            #expect(try values(db) == [1])
        }
    }
}
