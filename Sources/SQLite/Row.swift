import CSQLite

/// The current row of a stepping statement. Valid only until the statement steps again.
public struct Row {
    let statement: Statement

    /// Number of columns in the row.
    public var count: Int { Int(sqlite3_column_count(statement.handle)) }

    /// The raw value of a column by index.
    public func value(at index: Int) -> SQLiteValue {
        let handle = statement.handle
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            let length = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite3_column_bytes(handle, column))
            guard length > 0, let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: length)))
        default: return .null
        }
    }

    /// A typed column by index; throws when the stored value does not convert.
    public func get<T: SQLiteValueConvertible>(_ index: Int, as type: T.Type = T.self) throws(SQLiteError) -> T {
        let raw = value(at: index)
        guard let converted = T.fromSQLite(raw) else {
            throw SQLiteError(
                extendedCode: SQLITE_MISMATCH,
                message: "column \(index) holds \(raw), not \(T.self)", sql: statement.sql)
        }
        return converted
    }

    /// A typed column by name (through the statement's cached name→index map).
    public func get<T: SQLiteValueConvertible>(_ name: String, as type: T.Type = T.self) throws(SQLiteError) -> T {
        guard let index = statement.columnIndexByName[name] else {
            throw SQLiteError(extendedCode: SQLITE_RANGE, message: "no column named \(name)", sql: statement.sql)
        }
        return try get(Int(index), as: type)
    }
}
