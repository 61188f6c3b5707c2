import FarmModel
import SQLite

/// Finds the next runnable task for a worker by walking the `tasks_run_queue` partial index (protocol.md §7).
///
/// The index holds only runnable tasks (queued or soft-failed, no unfinished dependency, job queued or active and
/// not being deleted), keyed by task type and job tag and ordered by job priority, task priority and insertion.
/// One short walk per (type, tag) slice that is both queued and runnable by the worker finds that slice's first
/// eligible task; the best of those wins. The slices come from the index (a skip scan over its distinct task types and
/// tags), so a worker claiming thousands of task types or tags costs no more probes than the queue has slices. Failure lists and blocklists are checked per row by primary key, so the cost does not grow with the
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
        let supported = Set(asker.supportedTaskTypes)
        let workerTags = Set(asker.tagRowIDs)
        for taskType in try queuedTaskTypes() where supported.contains(taskType) {
            if let found = try first(type: taskType, tag: nil, worker: asker.workerRowID), best.map(found.precedes) ?? true {
                best = found
            }
            if workerTags.isEmpty { continue }
            for tag in try queuedTagRowIDs(ofType: taskType) where workerTags.contains(tag) {
                if let found = try first(type: taskType, tag: tag, worker: asker.workerRowID),
                    best.map(found.precedes) ?? true
                {
                    best = found
                }
            }
        }
        return best?.rowID
    }

    /// The distinct task types of runnable tasks, by a skip scan of the run-queue index (one seek per type).
    public func queuedTaskTypes() throws -> [String] {
        try db.fetchAll(Self.queuedTypesSQL) { try $0.get(0, as: String.self) }
    }

    /// The distinct job tags of runnable tasks of one type (untagged ones left out), by a skip scan.
    public func queuedTagRowIDs(ofType taskType: String) throws -> [Int64] {
        try db.fetchAll(Self.queuedTagsSQL, .text(taskType)) { try $0.get(0, as: Int64.self) }
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

    // The partial index's WHERE clause, repeated so SQLite may use the index.
    private static let inRunQueue =
        "status IN ('queued', 'soft-failed') AND unfinished_dependencies = 0 AND job_schedulable = 1"
    // Distinct task types in the run queue: each step seeks the first type after the previous one.
    static let queuedTypesSQL = """
        WITH RECURSIVE queued(task_type) AS (
            SELECT (SELECT task_type FROM tasks INDEXED BY tasks_run_queue WHERE \(inRunQueue)
                    ORDER BY task_type LIMIT 1)
            UNION ALL
            SELECT (SELECT task_type FROM tasks INDEXED BY tasks_run_queue
                    WHERE task_type > queued.task_type AND \(inRunQueue) ORDER BY task_type LIMIT 1)
            FROM queued WHERE queued.task_type IS NOT NULL
        )
        SELECT task_type FROM queued WHERE task_type IS NOT NULL
        """
    // Distinct job tags of one task type in the run queue, the same way.
    static let queuedTagsSQL = """
        WITH RECURSIVE queued(tag) AS (
            SELECT (SELECT job_tag_id FROM tasks INDEXED BY tasks_run_queue
                    WHERE task_type = ?1 AND job_tag_id IS NOT NULL AND \(inRunQueue) ORDER BY job_tag_id LIMIT 1)
            UNION ALL
            SELECT (SELECT job_tag_id FROM tasks INDEXED BY tasks_run_queue
                    WHERE task_type = ?1 AND job_tag_id > queued.tag AND \(inRunQueue) ORDER BY job_tag_id LIMIT 1)
            FROM queued WHERE queued.tag IS NOT NULL
        )
        SELECT tag FROM queued WHERE tag IS NOT NULL
        """
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
