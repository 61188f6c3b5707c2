/// How to open the farm database.
public struct DatabaseOptions: Sendable {
    /// How durable a commit is.
    public enum Synchronous: String, Sendable, CaseIterable {
        /// WAL + NORMAL: a commit survives a crash of the process; the last commits may be lost on power loss.
        case normal = "NORMAL"
        /// WAL + FULL: a commit also survives power loss, at the cost of an fsync per commit.
        case full = "FULL"
    }

    /// What to do with a database that is behind this binary's migrations.
    public enum MigrationPolicy: Sendable {
        /// Take a backup beside the database, then apply the pending migrations.
        case upgradeWithBackup
        /// Refuse to open it, saying which command to run.
        case refuse
    }

    /// The database file.
    public var path: String
    /// Durability of commits.
    public var synchronous: Synchronous = .normal
    /// How long to wait for another process's lock (a backup, an operator's sqlite3) before failing.
    public var busyTimeoutMilliseconds: Int32 = 5_000
    /// WAL size (bytes) SQLite truncates the `-wal` file back to after a checkpoint.
    public var walSizeLimitBytes: Int64 = 64 << 20
    /// Page cache of each connection, in KiB. SQLite's default (2 MiB) holds a fraction of a million-task
    /// database's index pages; 24 MiB each keeps the scheduler's and the readers' working set in memory while the
    /// Manager's RSS stays far below the 150 MB budget.
    public var pageCacheKiB: Int = 24 * 1024
    /// Migration policy for `open`.
    public var migrationPolicy: MigrationPolicy = .upgradeWithBackup

    /// Options with defaults for everything but the path.
    public init(path: String) {
        self.path = path
    }
}
