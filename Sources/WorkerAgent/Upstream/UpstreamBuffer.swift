import Foundation
import SQLite
import Synchronization

/// Durable FIFO of task updates that could not be delivered (worker-agent.md §6), in `tablao-worker.sqlite`.
/// SQLite runs on the ``SerializedDatabase``'s own thread; ``lock`` serialises sending and flushing.
final class UpstreamBuffer: Sendable {
    /// One queued update: its row id, task and the JSON exactly as it would have been sent.
    struct Item: Sendable {
        let id: Int64
        let taskID: String
        let payload: [UInt8]
    }

    /// Held while an update is sent or a queued one is flushed, so nothing overtakes the queue.
    let lock = AsyncLock()
    private let database: SerializedDatabase
    /// When a delivery last failed for want of a connection; nil once one got through.
    private let lastUnreachable = Mutex<ContinuousClock.Instant?>(nil)

    private init(database: SerializedDatabase) { self.database = database }

    /// Opens (creating if needed) the buffer file; WAL, synchronous=NORMAL, 5 s busy timeout.
    static func open(path: String) throws -> UpstreamBuffer {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let connection = try Connection(path: path)
        connection.setBusyTimeout(milliseconds: 5000)
        try connection.executeScript(
            """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS task_updates (
                id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, task_id TEXT NOT NULL, payload BLOB NOT NULL);
            """)
        return UpstreamBuffer(database: SerializedDatabase(connection: connection, name: "tablao-worker.buffer"))
    }

    /// Number of queued updates.
    func count() async throws -> Int {
        try await database.run { connection in
            // Count of queued updates.
            try connection.scalar("SELECT count(*) FROM task_updates", as: Int.self) ?? 0
        }
    }

    /// Appends an update at the tail.
    func append(taskID: String, payload: [UInt8]) async throws {
        let now = ISO8601DateFormatter().string(from: Date())
        try await database.write { connection in
            // Queue one update.
            try connection.execute(
                "INSERT INTO task_updates (created_at, task_id, payload) VALUES (?, ?, ?)",
                .text(now), .text(taskID), .blob(payload))
        }
    }

    /// The oldest queued update.
    func first() async throws -> Item? {
        try await database.run { connection in
            // Head of the queue.
            try connection.fetchOne("SELECT id, task_id, payload FROM task_updates ORDER BY id LIMIT 1") { row in
                Item(id: try row.get(0), taskID: try row.get(1), payload: try row.get(2))
            }
        }
    }

    /// Removes a delivered (or discarded) update.
    func remove(_ id: Int64) async throws {
        try await database.write { connection in
            // Drop one update from the queue.
            try connection.execute("DELETE FROM task_updates WHERE id = ?", .integer(id))
        }
    }

    /// Records that the Manager could not be reached just now.
    func noteUnreachable() { lastUnreachable.withLock { $0 = .now } }

    /// Records that the Manager answered.
    func noteReachable() { lastUnreachable.withLock { $0 = nil } }

    /// Whether a delivery may be tried again: none failed, or the last failure is at least `interval` old (so a task
    /// printing many lines during an outage does not wait for a connection attempt on every line).
    func mayRetry(after interval: Duration) -> Bool {
        lastUnreachable.withLock { last in last.map { ContinuousClock.now - $0 >= interval } ?? true }
    }

    /// Closes the database.
    func close() async { await database.close() }
}
