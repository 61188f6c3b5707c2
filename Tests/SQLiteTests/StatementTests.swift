import SQLite
import Testing

@Suite("Statements and the statement cache")
struct StatementTests {
    @Test("Two statements in one string are rejected and neither runs")
    func twoStatementsAreRejected() throws {
        try withConnection { (db) throws in
            try db.execute("CREATE TABLE t (n INTEGER)")
            let sql = "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)"
            let error = try #require(#expect(throws: SQLiteError.self) { try db.execute(sql) })
            #expect(error.sql == sql)
            #expect(error.message.contains("more than one statement"))
            #expect(try db.count("t") == 0)
            #expect(throws: SQLiteError.self) { try db.makeStatement("SELECT 1; SELECT 2") }
            #expect(throws: SQLiteError.self) { try db.fetchAll("SELECT 1; -- fine\n SELECT 2") { $0.value(at: 0) } }
        }
    }

    @Test(
        "Trailing whitespace, semicolons and comments are accepted",
        arguments: [
            "SELECT 41 + 1;",
            "SELECT 41 + 1;;  \n\t ;",
            "SELECT 41 + 1; -- the answer",
            "SELECT 41 + 1 -- no semicolon",
            "SELECT 41 + 1; /* block */ ; -- line\n  ",
            "  SELECT 41 + 1 /* a */ /* b */",
        ])
    func trailingTextIsAccepted(sql: String) throws {
        try withConnection { (db) throws in
            let answer = try db.scalar(sql, as: Int.self)
            #expect(answer == 42)
        }
    }

    @Test("A wrong argument count is rejected with SQLITE_RANGE before anything runs")
    func wrongArgumentCountIsRejected() throws {
        try withConnection { (db) throws in
            try db.execute("CREATE TABLE t (a INTEGER, b INTEGER)")
            let sql = "INSERT INTO t (a, b) VALUES (?, ?)"
            let tooFew = try #require(#expect(throws: SQLiteError.self) { try db.execute(sql, 1) })
            #expect(tooFew.extendedCode == ResultCode.range)
            #expect(tooFew.sql == sql)
            #expect(tooFew.message.contains("expected 2 arguments, got 1"))
            let tooMany = try #require(#expect(throws: SQLiteError.self) { try db.execute(sql, 1, 2, 3) })
            #expect(ResultCode.range ~= tooMany)
            #expect(try db.count("t") == 0)
            try db.execute(sql, 1, 2)
            #expect(try db.count("t") == 1)
        }
    }

    @Test("The same SQL run a thousand times is prepared once")
    func sameSQLIsCachedOnce() throws {
        try withConnection { (db) throws in
            // One fsync per autocommit insert would dominate the test; durability is not what it checks.
            try db.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; CREATE TABLE t (n INTEGER);")
            let before = db.cachedStatementCount
            for value in 0..<1_000 {
                try db.execute("INSERT INTO t (n) VALUES (?)", .integer(Int64(value)))
                #expect(db.cachedStatementCount == before + 1)
            }
            #expect(try db.count("t") == 1_000)
            #expect(try db.scalar("SELECT sum(n) FROM t", as: Int.self) == 999 * 1_000 / 2)
        }
    }

    @Test("A cached statement is reset after use, so a half-read query does not hold its row")
    func cachedStatementIsResetAfterUse() throws {
        try withConnection { (db) throws in
            try db.execute("CREATE TABLE t (n INTEGER)")
            for value in 1...3 { try db.execute("INSERT INTO t (n) VALUES (?)", .integer(Int64(value))) }
            let sql = "SELECT n FROM t ORDER BY n"
            #expect(try db.fetchOne(sql) { try $0.get(0, as: Int.self) } == 1)
            #expect(try db.fetchOne(sql) { try $0.get(0, as: Int.self) } == 1)
            var seen: [Int] = []
            try db.forEachRow(sql, arguments: []) { row in
                seen.append(try row.get(0))
                return seen.count < 2
            }
            #expect(seen == [1, 2])
            #expect(try db.fetchAll(sql) { try $0.get(0, as: Int.self) } == [1, 2, 3])
            // An unfinished statement would keep a read transaction open.
            #expect(!db.isInTransaction)
        }
    }

    @Test("A statement that failed is evicted from the cache and the next call works")
    func failedStatementIsEvicted() throws {
        try withConnection { (db) throws in
            try db.execute("CREATE TABLE t (n INTEGER CHECK (n > 0))")
            let sql = "INSERT INTO t (n) VALUES (?)"
            try db.execute(sql, 1)
            let cached = db.cachedStatementCount
            #expect(throws: SQLiteError.self) { try db.execute(sql, 0) }
            #expect(db.cachedStatementCount == cached - 1)
            try db.execute(sql, 2)
            #expect(db.cachedStatementCount == cached)
            #expect(try db.fetchAll("SELECT n FROM t ORDER BY n") { try $0.get(0, as: Int.self) } == [1, 2])
        }
    }

    @Test("A query whose row mapping throws is evicted and then works again")
    func mappingFailureEvictsQuery() throws {
        try withConnection { (db) throws in
            let sql = "SELECT ? AS v"
            let first = try db.fetchOne(sql, 5) { try $0.get(0, as: Int.self) }
            #expect(first == 5)
            let cached = db.cachedStatementCount
            #expect(throws: IntentionalFailure.self) {
                try db.fetchOne(sql, 5) { _ -> Int in throw IntentionalFailure() }
            }
            #expect(db.cachedStatementCount == cached - 1)
            let second = try db.fetchOne(sql, 6) { try $0.get("v", as: Int.self) }
            #expect(second == 6)
        }
    }

    @Test("Bindings are cleared between uses of a cached statement")
    func bindingsAreCleared() throws {
        try withConnection { (db) throws in
            let sql = "SELECT ?"
            #expect(try db.fetchOne(sql, "first") { $0.value(at: 0) } == .text("first"))
            let statement = try db.cachedStatement(sql)
            #expect(statement.parameterCount == 1)
            #expect(try statement.step())
            #expect(statement.row.value(at: 0) == .null)
            statement.reset()
        }
    }

    @Test("lastInsertRowID and changes report the last write")
    func lastInsertRowIDAndChanges() throws {
        try withConnection { (db) throws in
            try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)")
            try db.execute("INSERT INTO t (id, n) VALUES (41, 1)")
            #expect(db.lastInsertRowID == 41)
            try db.execute("INSERT INTO t (n) VALUES (1)")
            #expect(db.lastInsertRowID == 42)
            try db.execute("UPDATE t SET n = 2")
            #expect(db.changes == 2)
        }
    }
}
