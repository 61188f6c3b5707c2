import Foundation
import SQLite

/// What the Manager's database file says once the Manager has stopped, read on a read-only connection.
struct DatabaseAudit: Sendable {
    /// `PRAGMA integrity_check` rows: `["ok"]` for a sound file.
    var integrity: [String] = []
    /// `job/task: status` of every task that is not `completed`.
    var unfinishedTasks: [String] = []
    /// `job: status` of every job that is not `completed`.
    var unfinishedJobs: [String] = []
    /// Rows of the per-job status counters that differ from a count of the tasks themselves.
    var counterMismatches: [String] = []
    /// Task UUID → UUID of the worker the database names as its last holder.
    var taskHolders: [String: String] = [:]
    /// Worker name → status.
    var workerStatuses: [String: String] = [:]

    /// Reads the file at `path`, off Swift's concurrency pool.
    static func read(path: String) async throws -> DatabaseAudit {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try readBlocking(path: path) })
            }
        }
    }

    private static func readBlocking(path: String) throws -> DatabaseAudit {
        let connection = try Connection(path: path, readOnly: true)
        defer { connection.close() }
        var audit = DatabaseAudit()
        audit.integrity = try connection.fetchAll("PRAGMA integrity_check") { try $0.get(0, as: String.self) }
        audit.unfinishedTasks = try connection.fetchAll(
            "SELECT j.name || '/' || t.name || ': ' || t.status FROM tasks t JOIN jobs j ON j.id = t.job_id "
                + "WHERE t.status <> 'completed' ORDER BY t.id"
        ) { try $0.get(0, as: String.self) }
        audit.unfinishedJobs = try connection.fetchAll(
            "SELECT name || ': ' || status FROM jobs WHERE status <> 'completed' ORDER BY id"
        ) { try $0.get(0, as: String.self) }
        audit.counterMismatches = try connection.fetchAll(
            """
            SELECT 'job ' || job_id || ' ' || status || ': counter ' || counted || ', tasks ' || actual FROM (
                SELECT c.job_id, c.status, c.count AS counted,
                       (SELECT count(*) FROM tasks t WHERE t.job_id = c.job_id AND t.status = c.status) AS actual
                FROM job_task_counts c
                UNION ALL
                SELECT t.job_id, t.status, 0, count(*) FROM tasks t
                WHERE NOT EXISTS (SELECT 1 FROM job_task_counts c WHERE c.job_id = t.job_id AND c.status = t.status)
                GROUP BY t.job_id, t.status
            ) WHERE counted <> actual
            """
        ) { try $0.get(0, as: String.self) }
        for (task, worker) in try connection.fetchAll(
            "SELECT t.uuid, coalesce(w.uuid, '') FROM tasks t LEFT JOIN workers w ON w.id = t.worker_id",
            map: { (try $0.get(0, as: String.self), try $0.get(1, as: String.self)) })
        {
            audit.taskHolders[task] = worker
        }
        for (name, status) in try connection.fetchAll(
            "SELECT name, status FROM workers",
            map: { (try $0.get(0, as: String.self), try $0.get(1, as: String.self)) })
        {
            audit.workerStatuses[name] = status
        }
        return audit
    }
}
