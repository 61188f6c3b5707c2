import CSQLite

/// One SQLite connection. Not `Sendable`: it lives on one thread (see `SerializedDatabase`).
public final class Connection {
    let handle: OpaquePointer
    private let cache = StatementCache()
    /// The file this connection opened.
    public let path: String

    /// Opens (and, unless read-only, creates) a database file in multi-thread mode.
    ///
    /// Multi-thread mode (`SQLITE_OPEN_NOMUTEX`) is safe because every connection is confined to one thread.
    public init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let error = SQLiteError(handle: db, code: code, sql: nil)
            sqlite3_close_v2(db)
            throw error
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        // Double-quoted strings as literals hide typos in column names; turn that off.
        var ignored: Int32 = 0
        _ = csqlite_db_config_int(db, SQLITE_DBCONFIG_DQS_DML, 0, &ignored)
        _ = csqlite_db_config_int(db, SQLITE_DBCONFIG_DQS_DDL, 0, &ignored)
    }

    private var isClosed = false

    deinit { close() }

    /// Finalizes cached statements and closes the connection; later calls do nothing.
    ///
    /// Closing the last connection checkpoints the WAL and removes the `-wal` and `-shm` files, so a cleanly
    /// stopped Manager leaves only the database file. Relying on deinit is not enough: a process can exit first.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// A cached prepared statement for `sql`, reset and cleared after use by the caller helpers.
    public func cachedStatement(_ sql: String) throws(SQLiteError) -> Statement {
        try cache.statement(for: sql, connection: self)
    }

    /// An uncached statement, for one-off SQL such as migrations.
    public func makeStatement(_ sql: String) throws(SQLiteError) -> Statement {
        try Statement(connection: self, sql: sql, persistent: false)
    }

    /// Number of statements in the cache (for tests and diagnostics).
    public var cachedStatementCount: Int { cache.count }

    /// Runs a statement that returns no rows (rows, if any, are stepped through and ignored).
    public func execute(_ sql: String, _ arguments: SQLiteValue...) throws(SQLiteError) {
        try execute(sql, arguments: arguments)
    }

    /// Runs a statement that returns no rows, with an argument array.
    public func execute(_ sql: String, arguments: [SQLiteValue]) throws(SQLiteError) {
        let statement = try cache.statement(for: sql, connection: self)
        defer { statement.reset() }
        do {
            try statement.bind(arguments)
            while try statement.step() {}
        } catch {
            cache.evict(sql)
            throw error
        }
    }

    /// Runs a query and maps every row.
    public func fetchAll<T>(
        _ sql: String, _ arguments: SQLiteValue..., map: (Row) throws -> T
    ) throws -> [T] {
        try fetchAll(sql, arguments: arguments, map: map)
    }

    /// Runs a query with an argument array and maps every row.
    public func fetchAll<T>(
        _ sql: String, arguments: [SQLiteValue], map: (Row) throws -> T
    ) throws -> [T] {
        try withStatement(sql, arguments) { statement in
            var rows: [T] = []
            while try statement.step() { rows.append(try map(statement.row)) }
            return rows
        }
    }

    /// Runs a query and maps its first row, if any.
    public func fetchOne<T>(
        _ sql: String, _ arguments: SQLiteValue..., map: (Row) throws -> T
    ) throws -> T? {
        try fetchOne(sql, arguments: arguments, map: map)
    }

    /// Runs a query with an argument array and maps its first row, if any.
    public func fetchOne<T>(
        _ sql: String, arguments: [SQLiteValue], map: (Row) throws -> T
    ) throws -> T? {
        try withStatement(sql, arguments) { statement in
            try statement.step() ? try map(statement.row) : nil
        }
    }

    /// Steps a query row by row until `body` returns false; for index walks that stop early.
    public func forEachRow(
        _ sql: String, arguments: [SQLiteValue], _ body: (Row) throws -> Bool
    ) throws {
        try withStatement(sql, arguments) { statement in
            while try statement.step() {
                if try !body(statement.row) { break }
            }
        }
    }

    /// The first column of the first row, typed.
    public func scalar<T: SQLiteValueConvertible>(
        _ sql: String, _ arguments: SQLiteValue..., as type: T.Type = T.self
    ) throws -> T? {
        try fetchOne(sql, arguments: arguments) { row in try row.get(0, as: T.self) }
    }

    /// Runs several statements of trusted text (migrations, PRAGMAs) without caching.
    public func executeScript(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard code == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            throw SQLiteError(extendedCode: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// Row ID of the last inserted row on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Whether the connection is inside a transaction.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Sets how long SQLite waits for another process's lock before answering `SQLITE_BUSY`.
    public func setBusyTimeout(milliseconds: Int32) { sqlite3_busy_timeout(handle, milliseconds) }

    private func withStatement<T, E: Error>(
        _ sql: String, _ arguments: [SQLiteValue], _ body: (Statement) throws(E) -> T
    ) throws -> T {
        let statement = try cache.statement(for: sql, connection: self)
        defer { statement.reset() }
        do {
            try statement.bind(arguments)
            return try body(statement)
        } catch {
            cache.evict(sql)
            throw error
        }
    }
}
