import Crypto
import Foundation

/// One numbered SQL file of the top-level `migrations/` folder, as embedded into the binary.
public struct Migration: Sendable, Equatable {
    /// The number in the file name (`0003_operator_views.sql` → 3).
    public let version: Int
    /// The rest of the file name (`operator_views`).
    public let name: String
    /// The SQL text.
    public let sql: String
    /// Lower-case hex SHA-256 of the SQL text; a changed checksum means a landed migration was edited.
    public let checksum: String

    /// Parses a file named `NNNN_lower_snake_name.sql`; nil for any other name.
    public init?(fileName: String, sql: String) {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        let parts = stem.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 4, let version = Int(parts[0]), version > 0 else { return nil }
        self.version = version
        self.name = String(parts[1])
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The migrations built into this binary, in version order.
    public static let embedded: [Migration] = {
        let migrations = EmbeddedMigrations.files.compactMap { Migration(fileName: $0.name, sql: $0.contents) }
        // Versions must be contiguous from 1: a gap means a file was misnamed or removed.
        for (offset, migration) in migrations.enumerated() {
            precondition(migration.version == offset + 1, "migrations/ must be numbered 0001, 0002, … without gaps")
        }
        return migrations
    }()
}
