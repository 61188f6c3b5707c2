import SQLite

/// A write the database's disk refused (full, I/O error, read-only), or one rolled back with such a write: the
/// request was fine, the Manager cannot store it now (503 with an `Error` body saying why and what to do).
struct DatabaseStorageFault {
    let message: String
    let retryAfter: String

    /// The fault `error` stands for, or nil when it is another kind of failure.
    init?(_ error: SQLiteError) {
        // SQLite's primary result codes: SQLITE_FULL 13, SQLITE_IOERR 10, SQLITE_READONLY 8, SQLITE_ABORT 4.
        switch error.primaryCode {
        case 13:
            message =
                "the database's disk is full (SQLite: \(error.message)); nothing was stored. Free space on the "
                + "filesystem holding the database file, then retry"
            retryAfter = "30"
        case 10, 8:
            message =
                "the database file cannot be written (SQLite: \(error.message)); nothing was stored. Check the "
                + "filesystem holding the database file (mounted read-only? failing disk?), then retry"
            retryAfter = "30"
        case 4:
            message = "this write was rolled back with another one in the same transaction (\(error.message)); retry"
            retryAfter = "1"
        default:
            return nil
        }
    }
}
