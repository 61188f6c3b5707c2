/// Why the migrator refused or failed.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An applied migration's SQL differs from the one in this binary.
    case edited(version: Int, name: String)
    /// The database holds a version this binary does not know: it was upgraded by a newer Tablao.
    case unknownVersion(version: Int, newestKnown: Int)
    /// A migration's SQL failed; the database stays at the version before it.
    case failed(version: Int, name: String, reason: String)
    /// A migration left rows that violate foreign keys; it was rolled back.
    case foreignKeyViolation(version: Int, table: String)
    /// The requested target version is not one this binary has.
    case invalidTarget(version: Int, newestKnown: Int)
    /// The database is behind and `serve` was told not to migrate.
    case pending(current: Int, latest: Int)

    public var description: String {
        switch self {
        case .edited(let version, let name):
            "migration \(version) (\(name)) was edited after it was applied; restore the original file or a backup"
        case .unknownVersion(let version, let newest):
            "the database is at migration \(version), newer than this binary knows (\(newest)); run a newer tablao"
        case .failed(let version, let name, let reason):
            "migration \(version) (\(name)) failed and was rolled back: \(reason)"
        case .foreignKeyViolation(let version, let table):
            "migration \(version) left rows in \(table) that violate foreign keys; rolled back"
        case .invalidTarget(let version, let newest):
            "no migration \(version): this binary knows migrations 1 to \(newest)"
        case .pending(let current, let latest):
            "the database is at migration \(current) but this binary needs \(latest); "
                + "run `tablao migrate up --database PATH` or start `tablao serve` without --no-migrate"
        }
    }
}
