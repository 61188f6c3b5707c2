import SQLite

/// A scratch table for crash tests (`tablao write-loop`): numbered rows, nothing else.
public struct CrashTestLedger {
    let tx: StorageTransaction

    /// Creates the table if it does not exist (outside the migration history on purpose: it is test-only).
    public func createIfNeeded() throws {
        try tx.connection.execute("CREATE TABLE IF NOT EXISTS crash_test_ledger (value INTEGER PRIMARY KEY) STRICT")
    }

    /// Records one value.
    public func append(_ value: Int) throws {
        try tx.connection.execute("INSERT INTO crash_test_ledger (value) VALUES (?)", .integer(Int64(value)))
    }

    /// Every recorded value.
    public func values() throws -> Set<Int> {
        Set(try tx.connection.fetchAll("SELECT value FROM crash_test_ledger") { try $0.get(0, as: Int.self) })
    }
}

extension StorageTransaction {
    /// The crash-test scratch table.
    public var crashTestLedger: CrashTestLedger { CrashTestLedger(tx: self) }
}
