import CSQLite

/// Facts about the linked libsqlite3.
public enum SQLiteLibrary {
    /// e.g. 3040001 for 3.40.1.
    public static var versionNumber: Int32 { sqlite3_libversion_number() }
    /// e.g. "3.40.1".
    public static var version: String { String(cString: sqlite3_libversion()) }
}
