import FarmModel
import SQLite

/// Per-task failure lists and per-job blocklists (protocol.md §8).
public struct FailureRepository {
    let tx: StorageTransaction
    private var db: Connection { tx.connection }

    /// Adds a worker to a task's failure list (once) and returns how many distinct workers are on it.
    @discardableResult
    public func recordFailure(taskRowID: Int64, workerRowID: Int64) throws -> Int {
        try db.execute(Self.insertFailureSQL, .integer(taskRowID), .integer(workerRowID), .text(tx.nowText))
        return try db.scalar(Self.countTaskFailuresSQL, .integer(taskRowID), as: Int.self) ?? 0
    }

    /// Failure-list entries of a worker on tasks of one type in one job.
    public func failureCount(jobRowID: Int64, workerRowID: Int64, taskType: String) throws -> Int {
        try db.scalar(Self.countWorkerJobFailuresSQL, .integer(jobRowID), .integer(workerRowID), .text(taskType), as: Int.self)
            ?? 0
    }

    /// The workers on a task's failure list, in order of failure.
    public func failedWorkers(taskRowID: Int64) throws -> [Worker] {
        try db.fetchAll(Self.failedWorkersSQL, .integer(taskRowID), map: WorkerRepository.decode)
    }

    /// Empties one task's failure list.
    public func clearFailures(taskRowID: Int64) throws {
        try db.execute("DELETE FROM task_failures WHERE task_id = ?", .integer(taskRowID))
    }

    /// Empties the failure lists of every task of a job.
    public func clearFailures(jobRowID: Int64) throws {
        try db.execute(
            "DELETE FROM task_failures WHERE task_id IN (SELECT id FROM tasks WHERE job_id = ?)", .integer(jobRowID))
    }

    /// Blocks a worker from a task type on a job.
    public func block(jobRowID: Int64, workerRowID: Int64, taskType: String) throws {
        try db.execute(Self.insertBlockSQL, .integer(jobRowID), .integer(workerRowID), .text(taskType), .text(tx.nowText))
    }

    /// Removes one blocklist entry; non-matching entries are ignored.
    public func unblock(jobRowID: Int64, workerID: WorkerID, taskType: String) throws {
        try db.execute(Self.deleteBlockSQL, .integer(jobRowID), .text(workerID.rawValue), .text(taskType))
    }

    /// Empties a job's blocklist.
    public func clearBlocklist(jobRowID: Int64) throws {
        try db.execute("DELETE FROM job_blocklist WHERE job_id = ?", .integer(jobRowID))
    }

    /// A job's blocklist, sorted by worker name.
    public func blocklist(jobRowID: Int64) throws -> [(worker: Worker, taskType: String)] {
        try db.fetchAll(Self.blocklistSQL, .integer(jobRowID)) { row in
            (try WorkerRepository.decode(row), try row.get("blocked_task_type", as: String.self))
        }
    }

    /// Workers that could still run a task (protocol.md §8.4, Tablao's count): non-deleted, supporting the type,
    /// not blocklisted for (job, type), members of the job's tag when it has one, and not on the task's failure list.
    public func workersLeft(taskRowID: Int64) throws -> Int {
        try db.scalar(Self.workersLeftSQL, .integer(taskRowID), as: Int.self) ?? 0
    }

    // One failure-list entry per (task, worker).
    static let insertFailureSQL = """
        INSERT INTO task_failures (task_id, worker_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING
        """
    // Distinct workers that failed a task.
    static let countTaskFailuresSQL = "SELECT count(*) FROM task_failures WHERE task_id = ?"
    // A worker's failures on one job and task type.
    static let countWorkerJobFailuresSQL = """
        SELECT count(*) FROM task_failures f JOIN tasks t ON t.id = f.task_id
        WHERE t.job_id = ? AND f.worker_id = ? AND t.task_type = ?
        """
    // Workers on a task's failure list.
    static let failedWorkersSQL = """
        SELECT w.id, w.uuid, w.name, w.address, w.platform, w.software, w.status, w.status_requested,
               w.lazy_status_request, w.supported_task_types, w.can_restart, w.last_seen_at, w.deleted_at
        FROM task_failures f JOIN workers w ON w.id = f.worker_id
        WHERE f.task_id = ? ORDER BY f.created_at, w.id
        """
    // One blocklist entry.
    static let insertBlockSQL = """
        INSERT INTO job_blocklist (job_id, worker_id, task_type, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
        """
    // Removes one entry by the worker's wire ID.
    static let deleteBlockSQL = """
        DELETE FROM job_blocklist
        WHERE job_id = ? AND worker_id = (SELECT id FROM workers WHERE uuid = ?) AND task_type = ?
        """
    // A job's blocklist with worker details.
    static let blocklistSQL = """
        SELECT w.id, w.uuid, w.name, w.address, w.platform, w.software, w.status, w.status_requested,
               w.lazy_status_request, w.supported_task_types, w.can_restart, w.last_seen_at, w.deleted_at,
               b.task_type AS blocked_task_type
        FROM job_blocklist b JOIN workers w ON w.id = b.worker_id
        WHERE b.job_id = ? ORDER BY w.name, w.id, b.task_type
        """
    // Capable workers left for a task (§8.4).
    static let workersLeftSQL = """
        SELECT count(*) FROM workers w, tasks t JOIN jobs j ON j.id = t.job_id
        WHERE t.id = ?1
          AND w.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM json_each(w.supported_task_types) e WHERE e.value = t.task_type)
          AND NOT EXISTS (SELECT 1 FROM job_blocklist b
                          WHERE b.job_id = t.job_id AND b.worker_id = w.id AND b.task_type = t.task_type)
          AND (j.worker_tag_id IS NULL
               OR EXISTS (SELECT 1 FROM worker_tag_memberships m WHERE m.worker_id = w.id AND m.tag_id = j.worker_tag_id))
          AND NOT EXISTS (SELECT 1 FROM task_failures f WHERE f.task_id = t.id AND f.worker_id = w.id)
        """
}

extension StorageTransaction {
    /// Failure lists and blocklists.
    public var failures: FailureRepository { FailureRepository(tx: self) }
}
