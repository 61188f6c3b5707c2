import Foundation
import CSQLite

/// A prepared statement. Owns its `sqlite3_stmt` and finalizes it on deinit; confined to its connection's thread.
public final class Statement {
    /// The statement's SQL text.
    public let sql: String
    let handle: OpaquePointer
    unowned let connection: Connection
    private(set) lazy var columnIndexByName: [String: Int32] = {
        var map: [String: Int32] = [:]
        for index in 0..<sqlite3_column_count(handle) {
            if let name = sqlite3_column_name(handle, index) { map[String(cString: name)] = index }
        }
        return map
    }()

    init(connection: Connection, sql: String, persistent: Bool) throws(SQLiteError) {
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        // `tail` points into the C string, which lives only inside `withCString`: inspect it there.
        let (code, hasMoreSQL) = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection.handle, text, -1, flags, &statement, &tail)
            return (code, code == SQLITE_OK && tail.map(Self.hasMoreSQL) == true)
        }
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError(handle: connection.handle, code: code, sql: sql)
        }
        // One statement per string: trailing text other than whitespace and comments is refused,
        // so a forgotten second statement never silently goes unexecuted.
        if hasMoreSQL {
            sqlite3_finalize(statement)
            throw SQLiteError(extendedCode: SQLITE_MISUSE, message: "more than one statement in one string", sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Number of `?` parameters the statement expects.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Binds positional arguments after checking their count.
    public func bind(_ arguments: [SQLiteValue]) throws(SQLiteError) {
        guard arguments.count == parameterCount else {
            throw SQLiteError(
                extendedCode: SQLITE_RANGE,
                message: "expected \(parameterCount) arguments, got \(arguments.count)", sql: sql)
        }
        for (offset, value) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let v): code = sqlite3_bind_int64(handle, index, v)
            case .real(let v): code = sqlite3_bind_double(handle, index, v)
            case .text(let v):
                // An explicit byte length, so a NUL inside the string does not cut it short.
                code = v.withCString { sqlite3_bind_text(handle, index, $0, Int32(v.utf8.count), csqlite_transient()) }
            case .blob(let v):
                code = v.withUnsafeBytes { bytes in
                    // A zero-length blob must still bind as a blob, not NULL.
                    bytes.baseAddress == nil
                        ? sqlite3_bind_zeroblob(handle, index, 0)
                        : sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), csqlite_transient())
                }
            }
            guard code == SQLITE_OK else { throw SQLiteError(handle: connection.handle, code: code, sql: sql) }
        }
    }

    /// Advances one row; true while a row is available.
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(handle: connection.handle, code: code, sql: sql)
        }
    }

    /// Resets the statement and clears its bindings so it can be reused.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// The current row; valid until the next `step()` or `reset()`.
    public var row: Row { Row(statement: self) }

    /// Whether the text after the first statement holds more than whitespace, semicolons and comments.
    private static func hasMoreSQL(_ tail: UnsafePointer<CChar>) -> Bool {
        var rest = Substring(String(cString: tail))
        while let first = rest.first {
            if first.isWhitespace || first == ";" {
                rest = rest.dropFirst()
            } else if rest.hasPrefix("--") {
                rest = rest.drop(while: { $0 != "\n" })
            } else if rest.hasPrefix("/*"), let end = rest.range(of: "*/") {
                rest = rest[end.upperBound...]
            } else {
                return true
            }
        }
        return false
    }
}
