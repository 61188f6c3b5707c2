import SQLite

/// SQLite's own consistency checks.
public enum IntegrityCheck {
    /// Throws `DatabaseError.integrityCheckFailed` unless the check answers "ok" and no foreign key is violated.
    public static func run(on connection: Connection, full: Bool) throws {
        let pragma = full ? "PRAGMA integrity_check" : "PRAGMA quick_check"
        let messages = try connection.fetchAll(pragma) { row in try row.get(0, as: String.self) }
        if messages != ["ok"] { throw DatabaseError.integrityCheckFailed(messages: messages) }
        let violations = try connection.fetchAll("PRAGMA foreign_key_check") { row in
            "foreign key violation in \(try row.get(0, as: String.self)) row \(try row.get(1, as: Int64?.self) ?? 0)"
        }
        if !violations.isEmpty { throw DatabaseError.integrityCheckFailed(messages: violations) }
    }
}
