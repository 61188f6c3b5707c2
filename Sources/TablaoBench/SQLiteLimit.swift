import Foundation
import SQLite
import Storage

/// The storage ceiling: single-row write transactions through `SerializedDatabase` on a connection opened with
/// Tablao's own PRAGMAs (WAL, synchronous NORMAL, foreign keys), in the scratch folder (same disk as the farms).
enum SQLiteLimit {
    /// Commits per second of one caller writing one row per transaction, and rows per second of `writers`
    /// concurrent callers (which the wrapper folds into shared commits, as it does for the manager).
    static func measure(folder: URL, writers: Int, duration: Duration) async throws -> (commits: Double, writes: Double) {
        let path = folder.appending(path: "sqlite-limit.sqlite").path
        let connection = try DatabaseOpener.openConnection(DatabaseOptions(path: path))
        try connection.execute("CREATE TABLE IF NOT EXISTS bench (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        let database = SerializedDatabase(connection: connection)
        let insert: @Sendable (Connection) throws -> Void = { connection in
            try connection.execute("INSERT INTO bench (value) VALUES (?)", .text("a single row of bench data"))
        }
        let single = await LoadGenerator.run(states: [0], warmUp: .milliseconds(300), measure: duration) { _ in
            try await database.write(insert)
            return nil
        }
        let concurrent = await LoadGenerator.run(
            states: Array(0..<writers), warmUp: .milliseconds(300), measure: duration
        ) { _ in
            try await database.write(insert)
            return nil
        }
        await database.close()
        return (single.perSecond, concurrent.perSecond)
    }
}
