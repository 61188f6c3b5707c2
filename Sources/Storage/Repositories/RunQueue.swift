import FarmModel
import SQLite

/// Finds the next runnable task for a worker by walking the `tasks_run_queue` partial index (protocol.md §7).
///
/// The index holds only runnable tasks (queued or soft-failed, no unfinished dependency, job queued or active and
/// not being deleted), keyed by task type and job tag and ordered by job priority, task priority and insertion.
/// One short walk per (supported type, tag the worker may run) finds that slice's first eligible task; the best of
/// those wins. Failure lists and blocklists are checked per row by primary key, so the cost does not grow with the
/// number of queued tasks; it grows only with rows skipped because this worker failed or is blocked on them.
public struct RunQueue {
    let tx: StorageTransaction
    private var db: Connection { tx.connection }

    /// What the scheduler needs to know about the asking worker.
    public struct Asker: Sendable {
        public var workerRowID: Int64
        public var supportedTaskTypes: [String]
        public var tagRowIDs: [Int64]

        /// Creates an asker.
        public init(workerRowID: Int64, supportedTaskTypes: [String], tagRowIDs: [Int64]) {
            self.workerRowID = workerRowID
            self.supportedTaskTypes = supportedTaskTypes
            self.tagRowIDs = tagRowIDs
        }
    }

    private struct Candidate {
        var rowID: Int64
        var jobPriority: Int64
        var priority: Int64

        func precedes(_ other: Candidate) -> Bool {
            (jobPriority, priority, -rowID) > (other.jobPriority, other.priority, -other.rowID)
        }
    }

    /// The row ID of the first eligible task in scheduling order, or nil when none is runnable for this worker.
    public func nextRunnableTaskRowID(for asker: Asker) throws -> Int64? {
        var best: Candidate?
        for taskType in Set(asker.supportedTaskTypes) {
            if let found = try first(type: taskType, tag: nil, worker: asker.workerRowID), best.map(found.precedes) ?? true {
                best = found
            }
            for tag in asker.tagRowIDs {
                if let found = try first(type: taskType, tag: tag, worker: asker.workerRowID),
                    best.map(found.precedes) ?? true
                {
                    best = found
                }
            }
        }
        return best?.rowID
    }

    /// The tag the worker belongs to, as row IDs.
    public func tagRowIDs(ofWorker workerRowID: Int64) throws -> [Int64] {
        try db.fetchAll("SELECT tag_id FROM worker_tag_memberships WHERE worker_id = ?", .integer(workerRowID)) {
            try $0.get(0, as: Int64.self)
        }
    }

    private func first(type: String, tag: Int64?, worker: Int64) throws -> Candidate? {
        let sql = tag == nil ? Self.untaggedSQL : Self.taggedSQL
        var arguments: [SQLiteValue] = [.text(type)]
        if let tag { arguments.append(.integer(tag)) }
        arguments += [.integer(worker), .integer(worker)]
        return try db.fetchOne(sql, arguments: arguments) { row in
            Candidate(rowID: try row.get(0), jobPriority: try row.get(1), priority: try row.get(2))
        }
    }

    // The runnable-task predicate must repeat the partial index's WHERE clause for SQLite to use the index.
    private static let runnable = """
        status IN ('queued', 'soft-failed') AND unfinished_dependencies = 0 AND job_schedulable = 1
        AND NOT EXISTS (SELECT 1 FROM task_failures f WHERE f.task_id = tasks.id AND f.worker_id = ?)
        AND NOT EXISTS (SELECT 1 FROM job_blocklist b
                        WHERE b.job_id = tasks.job_id AND b.worker_id = ? AND b.task_type = tasks.task_type)
        ORDER BY job_priority DESC, priority DESC, id
        LIMIT 1
        """
    // First eligible untagged task of one type.
    static let untaggedSQL =
        "SELECT id, job_priority, priority FROM tasks INDEXED BY tasks_run_queue WHERE task_type = ? AND job_tag_id IS NULL AND "
        + runnable
    // First eligible task of one type in jobs with one tag.
    static let taggedSQL =
        "SELECT id, job_priority, priority FROM tasks INDEXED BY tasks_run_queue WHERE task_type = ? AND job_tag_id = ? AND "
        + runnable
}

extension StorageTransaction {
    /// The scheduler's view of runnable tasks.
    public var runQueue: RunQueue { RunQueue(tx: self) }
}
