/// A migration recorded in `schema_migrations`.
public struct AppliedMigration: Sendable, Equatable {
    /// Its number.
    public let version: Int
    /// Its name.
    public let name: String
    /// The checksum recorded when it was applied.
    public let checksum: String
    /// When it was applied (UTC text).
    public let appliedAt: String
}

/// Where a database stands against the migrations of this binary.
public struct MigrationStatus: Sendable {
    /// Migrations recorded as applied, in order.
    public let applied: [AppliedMigration]
    /// Known migrations not yet applied, in order.
    public let pending: [Migration]
    /// Applied migrations whose SQL differs from this binary's.
    public let edited: [AppliedMigration]
    /// Applied migrations this binary does not know (the database is newer).
    public let unknown: [AppliedMigration]
    /// The newest version this binary knows.
    public let latestKnown: Int

    /// The highest applied version, 0 for a new database.
    public var currentVersion: Int { applied.last?.version ?? 0 }
    /// Whether the database is at this binary's latest version with nothing edited or unknown.
    public var isCurrent: Bool { pending.isEmpty && edited.isEmpty && unknown.isEmpty }
}
