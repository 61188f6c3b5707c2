import Foundation
import SQLite
import Testing

@Suite("Binding and reading values")
struct ValueRoundTripTests {
    /// Stores `value` in an untyped column, then reads it back with its storage class.
    private func roundTrip<T: SQLiteValueConvertible>(
        _ value: T, as type: T.Type = T.self, on db: Connection
    ) throws -> (value: T, storageClass: String) {
        try db.execute("CREATE TABLE IF NOT EXISTS box (v)")
        try db.execute("DELETE FROM box")
        try db.execute("INSERT INTO box (v) VALUES (?)", value.sqliteValue)
        let read = try db.fetchOne("SELECT v, typeof(v) AS class FROM box") { row in
            (try row.get(0, as: T.self), try row.get("class", as: String.self))
        }
        return try #require(read)
    }

    @Test("Int64 extremes and zero round-trip as integers")
    func int64ExtremesRoundTrip() throws {
        try withConnection { (db) throws in
            for value in [Int64.min, Int64.max, 0, -1] {
                let read = try roundTrip(value, on: db)
                #expect(read.value == value)
                #expect(read.storageClass == "integer")
            }
        }
    }

    @Test("Int and Bool round-trip; Bool is stored as 0 or 1")
    func intAndBoolRoundTrip() throws {
        try withConnection { (db) throws in
            #expect(try roundTrip(Int.max, on: db).value == Int.max)
            #expect(try roundTrip(-42, as: Int.self, on: db).value == -42)
            #expect(try roundTrip(true, on: db).value == true)
            #expect(try db.scalar("SELECT v FROM box", as: Int64.self) == 1)
            #expect(try roundTrip(false, on: db).value == false)
            #expect(try db.scalar("SELECT v FROM box", as: Int64.self) == 0)
        }
    }

    @Test("Doubles round-trip exactly, including negative and fractional values")
    func doublesRoundTrip() throws {
        try withConnection { (db) throws in
            for value in [-3.25, 0.1, 1.0 / 3.0, -1e-300, Double.greatestFiniteMagnitude, -0.5] {
                let read = try roundTrip(value, on: db)
                #expect(read.value == value)
                #expect(read.storageClass == "real")
            }
        }
    }

    @Test("Strings round-trip, including Unicode and the empty string")
    func stringsRoundTrip() throws {
        try withConnection { (db) throws in
            for value in ["", "plain", "ñandú · 日本語 · 🎬🐂 · e\u{301}", String(repeating: "x", count: 100_000)] {
                let read = try roundTrip(value, on: db)
                #expect(read.value == value)
                #expect(read.storageClass == "text")
            }
        }
    }

    @Test("A string with an embedded NUL keeps every byte")
    func stringWithNulKeepsEveryByte() throws {
        try withConnection { (db) throws in
            let value = "before\u{0}after"
            #expect(try roundTrip(value, on: db).value == value)
            #expect(try db.scalar("SELECT length(CAST(v AS BLOB)) FROM box", as: Int.self) == 12)
        }
    }

    @Test("Byte arrays round-trip, and an empty blob stays a blob rather than NULL")
    func blobsRoundTrip() throws {
        try withConnection { (db) throws in
            let bytes: [UInt8] = [0, 1, 2, 127, 128, 254, 255]
            let read = try roundTrip(bytes, on: db)
            #expect(read.value == bytes)
            #expect(read.storageClass == "blob")

            let empty = try roundTrip([UInt8](), on: db)
            #expect(empty.value == [])
            #expect(empty.storageClass == "blob")
            #expect(try db.scalar("SELECT v IS NULL FROM box", as: Bool.self) == false)
            let raw = try db.fetchOne("SELECT v FROM box") { $0.value(at: 0) }
            #expect(raw == .blob([]))
        }
    }

    @Test("Data round-trips as a blob, empty or not")
    func dataRoundTrips() throws {
        try withConnection { (db) throws in
            let data = Data([0xDE, 0xAD, 0xBE, 0xEF, 0x00])
            let read = try roundTrip(data, on: db)
            #expect(read.value == data)
            #expect(read.storageClass == "blob")
            let empty = try roundTrip(Data(), on: db)
            #expect(empty.value == Data())
            #expect(empty.storageClass == "blob")
        }
    }

    @Test("Optional nil binds NULL and NULL reads back as nil; a present optional reads its value")
    func optionalsRoundTrip() throws {
        try withConnection { (db) throws in
            let none: Int? = nil
            #expect(none.sqliteValue == .null)
            let read = try roundTrip(none, on: db)
            #expect(read.value == nil)
            #expect(read.storageClass == "null")
            #expect(try roundTrip(String?.some("here"), on: db).value == "here")
            #expect(try roundTrip([UInt8]?.none, on: db).value == nil)
        }
    }

    @Test("Literals build the matching SQLite values")
    func literalsBuildValues() {
        let values: [SQLiteValue] = [nil, 7, 2.5, "text", true, false]
        #expect(values == [.null, .integer(7), .real(2.5), .text("text"), .integer(1), .integer(0)])
    }

    @Test("Row.get reads by index and by column name, with the same result")
    func rowReadsByIndexAndName() throws {
        try withConnection { (db) throws in
            try db.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, score REAL, photo BLOB)")
            try db.execute(
                "INSERT INTO person (id, name, score, photo) VALUES (?, ?, ?, ?)", 7, "Rosalía", 9.5, .blob([1, 2]))
            let row = try db.fetchOne("SELECT id, name, score, photo FROM person") { (row) throws in
                #expect(row.count == 4)
                #expect(try row.get(0, as: Int64.self) == 7)
                #expect(try row.get("id", as: Int64.self) == 7)
                #expect(try row.get(1, as: String.self) == "Rosalía")
                #expect(try row.get("name", as: String.self) == "Rosalía")
                #expect(try row.get("score", as: Double.self) == 9.5)
                #expect(try row.get("photo", as: [UInt8].self) == [1, 2])
                #expect(row.value(at: 2) == .real(9.5))
                return true
            }
            #expect(row == true)
        }
    }

    @Test("An integer column reads as Double, but a text column does not read as Int")
    func integerWidensToDoubleOnly() throws {
        try withConnection { (db) throws in
            #expect(try db.scalar("SELECT 3", as: Double.self) == 3.0)
            let error = #expect(throws: SQLiteError.self) { try db.scalar("SELECT 'abc'", as: Int.self) }
            #expect(error?.extendedCode == ResultCode.mismatch)
        }
    }

    @Test("Reading a column as the wrong type throws SQLITE_MISMATCH naming the SQL")
    func typeMismatchThrows() throws {
        try withConnection { (db) throws in
            let sql = "SELECT 'text' AS t, NULL AS n, 1.5 AS r"
            let errors = try db.fetchOne(sql) { row -> [SQLiteError] in
                var errors: [SQLiteError] = []
                do { _ = try row.get("t", as: Int64.self) } catch let error as SQLiteError { errors.append(error) }
                do { _ = try row.get("n", as: String.self) } catch let error as SQLiteError { errors.append(error) }
                do { _ = try row.get("r", as: Int.self) } catch let error as SQLiteError { errors.append(error) }
                do { _ = try row.get("t", as: Data.self) } catch let error as SQLiteError { errors.append(error) }
                return errors
            }
            let thrown = try #require(errors)
            // Text reads as bytes (its UTF-8), so only three of the four reads fail.
            #expect(thrown.count == 3)
            for error in thrown {
                #expect(error.extendedCode == ResultCode.mismatch)
                #expect(ResultCode.mismatch ~= error)
                #expect(error.sql == sql)
            }
        }
    }

    @Test("Reading an unknown column name throws SQLITE_RANGE")
    func unknownColumnNameThrows() throws {
        try withConnection { (db) throws in
            let error = #expect(throws: SQLiteError.self) {
                try db.fetchOne("SELECT 1 AS one") { row in try row.get("two", as: Int.self) }
            }
            #expect(error?.primaryCode == ResultCode.range)
        }
    }
}
