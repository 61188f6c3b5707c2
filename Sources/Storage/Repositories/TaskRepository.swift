import FarmModel
import Foundation
import SQLite

/// Tasks: lookup, status, progress, assignment.
public struct TaskRepository {
    let tx: StorageTransaction
    private var db: Connection { tx.connection }

    /// A task by wire ID; `withCommands: false` skips decoding the commands (they come back empty).
    public func find(_ id: TaskID, withCommands: Bool = true) throws -> FarmTask? {
        try db.fetchOne(Self.select(withCommands) + " WHERE t.uuid = ?", .text(id.rawValue), map: Self.decode)
    }

    /// A task by row ID; `withCommands: false` skips decoding the commands (they come back empty).
    public func find(rowID: Int64, withCommands: Bool = true) throws -> FarmTask? {
        try db.fetchOne(Self.select(withCommands) + " WHERE t.id = ?", .integer(rowID), map: Self.decode)
    }

    /// A task's commands as stored (JSON text), for callers that decode them off the database thread.
    public func commandsJSON(rowID: Int64) throws -> String? {
        try db.fetchOne("SELECT commands FROM tasks WHERE id = ?", .integer(rowID), map: { row in try row.get(0, as: String.self) })
    }

    /// All tasks of a job, in job order, without their commands.
    public func tasks(ofJob jobRowID: Int64) throws -> [FarmTask] {
        try db.fetchAll(
            Self.select(false) + " WHERE t.job_id = ? ORDER BY t.index_in_job", .integer(jobRowID), map: Self.decode)
    }

    /// Tasks of a job in the given statuses, in job order.
    public func tasks(ofJob jobRowID: Int64, in statuses: Set<TaskStatus>) throws -> [FarmTask] {
        guard !statuses.isEmpty else { return [] }
        // Served by tasks_by_job_status, so a failure on a 10,000-task job does not read every task.
        let placeholders = Array(repeating: "?", count: statuses.count).joined(separator: ", ")
        let sql = Self.select(false) + " WHERE t.job_id = ? AND t.status IN (\(placeholders)) ORDER BY t.index_in_job"
        return try db.fetchAll(
            sql, arguments: [.integer(jobRowID)] + statuses.map(\.rawValue).sorted().map { .text($0) }, map: Self.decode)
    }

    /// The `active` tasks assigned to a worker (normally at most one), without their commands.
    public func activeTasks(ofWorker workerRowID: Int64) throws -> [FarmTask] {
        try db.fetchAll(
            Self.select(false) + " WHERE t.worker_id = ? AND t.status = 'active' ORDER BY t.id", .integer(workerRowID),
            map: Self.decode)
    }

    /// The most recently updated task ever assigned to a worker.
    public func latestTask(ofWorker workerRowID: Int64) throws -> FarmTask? {
        try db.fetchOne(
            Self.selectSQL + " WHERE t.worker_id = ? ORDER BY t.updated_at DESC, t.id DESC LIMIT 1",
            .integer(workerRowID), map: Self.decode)
    }

    /// `active` tasks last touched at or before `cutoff` (task timeout, protocol.md §9).
    public func activeTasks(lastTouchedAtOrBefore cutoff: Date) throws -> [FarmTask] {
        try db.fetchAll(
            Self.selectSQL + " WHERE t.status = 'active' AND t.last_touched_at <= ? ORDER BY t.id",
            .text(Timestamp.string(from: cutoff)), map: Self.decode)
    }

    /// `active` tasks that have a last-touched time: those the task timeout watches.
    public func timeoutCandidates() throws -> [FarmTask] {
        try db.fetchAll(
            Self.selectSQL + " WHERE t.status = 'active' AND t.last_touched_at IS NOT NULL ORDER BY t.id", map: Self.decode)
    }

    /// All `active` tasks (startup recovery).
    public func allActiveTasks() throws -> [FarmTask] {
        try db.fetchAll(Self.selectSQL + " WHERE t.status = 'active' ORDER BY t.id", map: Self.decode)
    }

    /// Sets a task's status; `completed` fills its steps, `queued` empties them (protocol.md §4.10).
    public func setStatus(rowID: Int64, to status: TaskStatus, activity: String? = nil) throws {
        try db.execute(
            Self.setStatusSQL, .text(status.rawValue), .text(status.rawValue),
            activity.map { .text($0) } ?? .null, .text(tx.nowText), .integer(rowID))
    }

    /// Assigns a task to a worker and marks it `active` and touched now.
    public func assign(rowID: Int64, to workerRowID: Int64) throws {
        try db.execute(Self.assignSQL, .integer(workerRowID), .text(tx.nowText), .text(tx.nowText), .integer(rowID))
    }

    /// Overwrites activity and/or steps (clamped to steps_total) when given; `touch` also resets the task timeout,
    /// in the same UPDATE.
    public func recordProgress(rowID: Int64, activity: String?, stepsCompleted: Int?, touch: Bool = false) throws {
        try db.execute(
            Self.progressSQL, activity.map { .text($0) } ?? .null, stepsCompleted.map { .integer(Int64($0)) } ?? .null,
            .text(tx.nowText), touch ? .text(tx.nowText) : .null, .integer(rowID))
    }

    /// Resets the task timeout (`last_touched` := now).
    public func touch(rowID: Int64) throws {
        try db.execute(Self.touchSQL, .text(tx.nowText), .integer(rowID))
    }

    /// Moves every task of a job in one of `from` to `to`, without per-task logs (protocol.md §6.5).
    @discardableResult
    public func moveAll(ofJob jobRowID: Int64, from: Set<TaskStatus>, to: TaskStatus, activity: String) throws -> Int {
        guard !from.isEmpty else { return 0 }
        let placeholders = Array(repeating: "?", count: from.count).joined(separator: ", ")
        let arguments: [SQLiteValue] =
            [.text(to.rawValue), .text(to.rawValue), .text(activity), .text(tx.nowText), .integer(jobRowID)]
            + from.map(\.rawValue).sorted().map { .text($0) }
        try db.execute(Self.moveAllSQLPrefix + "(\(placeholders))", arguments: arguments)
        return db.changes
    }

    /// Task counts per status of a job, from the trigger-maintained tally.
    public func counts(ofJob jobRowID: Int64) throws -> TaskStatusCounts {
        var counts: [TaskStatus: Int] = [:]
        try db.forEachRow(Self.countsSQL, arguments: [.integer(jobRowID)]) { row in
            if let status = TaskStatus(rawValue: try row.get(0, as: String.self)) { counts[status] = try row.get(1) }
            return true
        }
        return TaskStatusCounts(counts)
    }

    static func decode(_ row: Row) throws -> FarmTask {
        FarmTask(
            rowID: try row.get("id"), id: try row.id("uuid", as: TaskID.self), jobRowID: try row.get("job_id"),
            jobID: try row.id("job_uuid", as: JobID.self), indexInJob: try row.get("index_in_job"),
            name: try row.get("name"), taskType: try row.get("task_type"), priority: try row.get("priority"),
            status: try row.status("status", as: TaskStatus.self), workerRowID: try row.get("worker_id"),
            commands: try StoredCommands.decode(try row.get("commands")),
            activity: try row.get("activity"), stepsCompleted: try row.get("steps_completed"),
            stepsTotal: try row.get("steps_total"), created: try row.requiredDate("created_at"),
            updated: try row.requiredDate("updated_at"), lastTouched: try row.date("last_touched_at"))
    }

    /// The SELECT for FarmTask values; decoding the commands JSON is the costliest part of reading a task, so hot
    /// paths that do not send commands skip it.
    static func select(_ withCommands: Bool) -> String { withCommands ? selectSQL : selectWithoutCommandsSQL }

    // Columns of a FarmTask value, commands replaced by an empty list.
    static let selectWithoutCommandsSQL = selectSQL.replacingOccurrences(of: "t.worker_id, t.commands,", with: "t.worker_id, '[]' AS commands,")
    // Columns of a FarmTask value.
    static let selectSQL = """
        SELECT t.id, t.uuid, t.job_id, j.uuid AS job_uuid, t.index_in_job, t.name, t.task_type, t.priority, t.status,
               t.worker_id, t.commands, t.activity, t.steps_completed, t.steps_total, t.created_at, t.updated_at,
               t.last_touched_at
        FROM tasks t JOIN jobs j ON j.id = t.job_id
        """
    // Status change with the step rules of §4.10.
    static let setStatusSQL = """
        UPDATE tasks SET status = ?,
            steps_completed = CASE ? WHEN 'completed' THEN steps_total WHEN 'queued' THEN 0 ELSE steps_completed END,
            activity = coalesce(?, activity), updated_at = ?
        WHERE id = ?
        """
    // Assignment: the worker reference, status and both timestamps.
    static let assignSQL = """
        UPDATE tasks SET worker_id = ?, status = 'active', last_touched_at = ?, updated_at = ? WHERE id = ?
        """
    // Progress from the assigned worker.
    static let progressSQL = """
        UPDATE tasks SET activity = coalesce(?1, activity),
                         steps_completed = min(coalesce(?2, steps_completed), steps_total),
                         updated_at = CASE WHEN ?1 IS NULL AND ?2 IS NULL THEN updated_at ELSE ?3 END,
                         last_touched_at = coalesce(?4, last_touched_at)
        WHERE id = ?5
        """
    // Task timeout reset.
    static let touchSQL = "UPDATE tasks SET last_touched_at = ? WHERE id = ?"
    // Bulk move of a job's tasks by status; the status list is appended.
    static let moveAllSQLPrefix = """
        UPDATE tasks SET status = ?,
            steps_completed = CASE ? WHEN 'completed' THEN steps_total WHEN 'queued' THEN 0 ELSE steps_completed END,
            activity = ?, updated_at = ?
        WHERE job_id = ? AND status IN
        """
    // Per-status tally of a job.
    static let countsSQL = "SELECT status, count FROM job_task_counts WHERE job_id = ? AND count > 0"
}

extension StorageTransaction {
    /// Task rows.
    public var tasks: TaskRepository { TaskRepository(tx: self) }
}
