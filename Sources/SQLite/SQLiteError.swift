import CSQLite

/// A failed SQLite call: primary and extended result code, SQLite's message and the SQL that failed.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code (e.g. `SQLITE_CONSTRAINT_CHECK`); its low byte is the primary code.
    public let extendedCode: Int32
    /// SQLite's own message for the failure.
    public let message: String
    /// The statement that failed, if any (never with argument values).
    public let sql: String?

    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …).
    public var primaryCode: Int32 { extendedCode & 0xFF }

    /// Creates an error from explicit parts.
    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// Reads the last error of a connection handle.
    init(handle: OpaquePointer?, code: Int32, sql: String?) {
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? code
        let text = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        // A handle's last error can be stale when the failing call did not set it.
        self.init(extendedCode: (extended & 0xFF) == (code & 0xFF) ? extended : code, message: text, sql: sql)
    }

    /// Whether this is a constraint violation (CHECK, FOREIGN KEY, UNIQUE, NOT NULL, …).
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }
    /// Whether the database was locked by another connection past the busy timeout.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    public var description: String {
        var text = "SQLite error \(primaryCode) (extended \(extendedCode)): \(message)"
        if let sql { text += " — in: \(sql)" }
        return text
    }
}

/// Tests a result code against an error, e.g. `case SQLITE_CONSTRAINT_CHECK ~= error`.
public func ~= (code: Int32, error: SQLiteError) -> Bool {
    code > 0xFF ? error.extendedCode == code : error.primaryCode == code
}
