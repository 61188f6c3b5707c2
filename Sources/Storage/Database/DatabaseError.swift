/// Why the database could not be opened or used.
public enum DatabaseError: Error, Sendable, CustomStringConvertible {
    /// The linked libsqlite3 is older than Tablao needs.
    case sqliteTooOld(found: String, required: String)
    /// A PRAGMA did not take effect (e.g. WAL on a file system without shared memory).
    case pragmaNotApplied(pragma: String, value: String)
    /// An integrity check reported problems.
    case integrityCheckFailed(messages: [String])

    public var description: String {
        switch self {
        case .sqliteTooOld(let found, let required):
            "libsqlite3 \(found) is too old: Tablao needs \(required) or newer (Debian 12: libsqlite3-0)"
        case .pragmaNotApplied(let pragma, let value):
            "PRAGMA \(pragma) could not be set (database reports \(value))"
        case .integrityCheckFailed(let messages):
            "integrity check failed: " + messages.prefix(5).joined(separator: "; ")
        }
    }
}
