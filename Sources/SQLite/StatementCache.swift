/// Prepared statements of one connection, keyed by SQL text.
///
/// Re-preparing a scheduling query costs several times the whole indexed transaction, so every
/// repository statement is prepared once with `SQLITE_PREPARE_PERSISTENT` and reused.
final class StatementCache {
    private var statements: [String: Statement] = [:]

    func statement(for sql: String, connection: Connection) throws(SQLiteError) -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try Statement(connection: connection, sql: sql, persistent: true)
        statements[sql] = statement
        return statement
    }

    /// Drops a statement after a failure, so a statement left in a bad state is never reused.
    func evict(_ sql: String) { statements[sql] = nil }

    func removeAll() { statements.removeAll() }

    var count: Int { statements.count }
}
