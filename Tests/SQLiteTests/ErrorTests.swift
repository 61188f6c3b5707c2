import Foundation
import SQLite
import Testing

@Suite("Errors carry result codes and SQL")
struct ErrorTests {
    private func makeSchema(_ db: Connection) throws {
        try db.execute("PRAGMA foreign_keys = ON")
        try db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
        try db.execute(
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id), n INTEGER CHECK (n > 0))")
        try db.execute("INSERT INTO parent (id, name) VALUES (1, 'one')")
    }

    @Test("A CHECK violation is SQLITE_CONSTRAINT_CHECK with the failing SQL")
    func checkViolation() throws {
        try withConnection { (db) throws in
            try makeSchema(db)
            let sql = "INSERT INTO child (parent_id, n) VALUES (?, ?)"
            let error = try #require(#expect(throws: SQLiteError.self) { try db.execute(sql, 1, 0) })
            #expect(error.primaryCode == ResultCode.constraint)
            #expect(error.extendedCode == ResultCode.constraintCheck)
            #expect(error.sql == sql)
            #expect(error.isConstraintViolation)
            #expect(error.message.contains("CHECK"))
            #expect(ResultCode.constraint ~= error)
            #expect(ResultCode.constraintCheck ~= error)
            #expect(!(ResultCode.constraintUnique ~= error))
            #expect(!(ResultCode.error ~= error))
            #expect(try db.count("child") == 0)
        }
    }

    @Test("A UNIQUE violation is SQLITE_CONSTRAINT_UNIQUE")
    func uniqueViolation() throws {
        try withConnection { (db) throws in
            try makeSchema(db)
            let error = try #require(
                #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO parent (name) VALUES (?)", "one") })
            #expect(error.extendedCode == ResultCode.constraintUnique)
            #expect(ResultCode.constraintUnique ~= error)
            #expect(ResultCode.constraint ~= error)
            #expect(!(ResultCode.constraintCheck ~= error))
        }
    }

    @Test("A primary-key clash is SQLITE_CONSTRAINT_PRIMARYKEY")
    func primaryKeyViolation() throws {
        try withConnection { (db) throws in
            try makeSchema(db)
            let error = try #require(
                #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO parent (id, name) VALUES (1, 'x')") })
            #expect(error.extendedCode == ResultCode.constraintPrimaryKey)
        }
    }

    @Test("A NOT NULL violation is SQLITE_CONSTRAINT_NOTNULL")
    func notNullViolation() throws {
        try withConnection { (db) throws in
            try makeSchema(db)
            let error = try #require(
                #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO parent (name) VALUES (?)", nil) })
            #expect(error.extendedCode == ResultCode.constraintNotNull)
        }
    }

    @Test("With foreign keys on, a dangling reference is SQLITE_CONSTRAINT_FOREIGNKEY")
    func foreignKeyViolation() throws {
        try withConnection { (db) throws in
            try makeSchema(db)
            let sql = "INSERT INTO child (parent_id, n) VALUES (?, 1)"
            let error = try #require(#expect(throws: SQLiteError.self) { try db.execute(sql, 99) })
            #expect(error.extendedCode == ResultCode.constraintForeignKey)
            #expect(ResultCode.constraintForeignKey ~= error)
            #expect(error.sql == sql)
            try db.execute(sql, 1)
            #expect(try db.count("child") == 1)
        }
    }

    @Test("A syntax error is SQLITE_ERROR with the SQL attached")
    func syntaxError() throws {
        try withConnection { (db) throws in
            let sql = "SELEC 1"
            let error = try #require(#expect(throws: SQLiteError.self) { try db.execute(sql) })
            #expect(error.primaryCode == ResultCode.error)
            #expect(error.extendedCode == ResultCode.error)
            #expect(error.sql == sql)
            #expect(error.message.contains("syntax error"))
            #expect(ResultCode.error ~= error)
            #expect(!error.isConstraintViolation)
            #expect(error.description.contains(sql))
        }
    }

    @Test("A script error carries the extended code and the script")
    func scriptError() throws {
        try withConnection { (db) throws in
            let script = "CREATE TABLE t (n INTEGER CHECK (n > 0)); INSERT INTO t VALUES (0);"
            let error = try #require(#expect(throws: SQLiteError.self) { try db.executeScript(script) })
            #expect(error.extendedCode == ResultCode.constraintCheck)
            #expect(error.sql == script)
        }
    }

    @Test("Opening a missing file read-only fails with SQLITE_CANTOPEN")
    func openingMissingFileReadOnlyFails() throws {
        try withTemporaryDirectory { (directory) throws in
            let path = directory.appendingPathComponent("absent.sqlite").path
            let error = try #require(#expect(throws: SQLiteError.self) { try Connection(path: path, readOnly: true) })
            #expect(error.primaryCode == 14)  // SQLITE_CANTOPEN
        }
    }
}
