import FarmModel
import SQLite

/// How many tasks, jobs and workers the farm holds in each status: the farm gauges of `/metrics`, read on the
/// read-only connection at scrape time.
public struct FarmCensus {
    let tx: StorageTransaction
    private var db: Connection { tx.connection }

    /// Tasks per status, summed from the trigger-maintained per-job tally (a few rows per job, not one per task).
    public func tasksByStatus() throws -> [TaskStatus: Int] {
        try counts(Self.tasksSQL, as: TaskStatus.self)
    }

    /// Jobs per status, jobs awaiting deletion included.
    public func jobsByStatus() throws -> [JobStatus: Int] {
        try counts(Self.jobsSQL, as: JobStatus.self)
    }

    /// Workers per status, deleted workers left out.
    public func workersByStatus() throws -> [WorkerStatus: Int] {
        try counts(Self.workersSQL, as: WorkerStatus.self)
    }

    private func counts<Status: RawRepresentable & Hashable>(
        _ sql: String, as type: Status.Type
    ) throws -> [Status: Int] where Status.RawValue == String {
        var counts: [Status: Int] = [:]
        try db.forEachRow(sql, arguments: []) { row in
            if let status = Status(rawValue: try row.get(0, as: String.self)) { counts[status] = try row.get(1) }
            return true
        }
        return counts
    }

    static let tasksSQL = "SELECT status, SUM(count) FROM job_task_counts GROUP BY status"
    static let jobsSQL = "SELECT status, COUNT(*) FROM jobs GROUP BY status"
    static let workersSQL = "SELECT status, COUNT(*) FROM workers WHERE deleted_at IS NULL GROUP BY status"
}

extension StorageTransaction {
    /// Per-status counts of tasks, jobs and workers.
    public var census: FarmCensus { FarmCensus(tx: self) }
}
