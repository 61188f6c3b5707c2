import FarmModel
import SQLite

/// Worker sleep schedules (protocol.md §5.5); one per worker.
public struct SleepScheduleRepository {
    let tx: StorageTransaction
    private var db: Connection { tx.connection }

    /// A worker's schedule, if it has one.
    public func find(workerRowID: Int64) throws -> SleepSchedule? {
        try db.fetchOne(Self.selectSQL + " WHERE worker_id = ?", .integer(workerRowID)) { try Self.decode($0).schedule }
    }

    /// Every schedule with its worker's row ID.
    public func all() throws -> [(workerRowID: Int64, schedule: SleepSchedule)] {
        try db.fetchAll(Self.selectSQL + " ORDER BY worker_id", map: Self.decode)
    }

    /// Stores (or replaces) a worker's schedule, already normalised.
    public func save(workerRowID: Int64, _ schedule: SleepSchedule) throws {
        try db.execute(
            Self.upsertSQL, .integer(workerRowID), .integer(schedule.isActive ? 1 : 0), .text(schedule.daysOfWeek),
            .text(schedule.startTime ?? ""), .text(schedule.endTime ?? ""))
    }

    static func decode(_ row: Row) throws -> (workerRowID: Int64, schedule: SleepSchedule) {
        let start: String = try row.get("start_time")
        let end: String = try row.get("end_time")
        return (
            try row.get("worker_id"),
            SleepSchedule(
                isActive: try row.get("is_active"), daysOfWeek: try row.get("days_of_week"),
                startTime: start.isEmpty ? nil : start, endTime: end.isEmpty ? nil : end)
        )
    }

    // Columns of a schedule.
    static let selectSQL = "SELECT worker_id, is_active, days_of_week, start_time, end_time FROM sleep_schedules"
    // Insert or replace one worker's schedule.
    static let upsertSQL = """
        INSERT INTO sleep_schedules (worker_id, is_active, days_of_week, start_time, end_time) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (worker_id) DO UPDATE SET is_active = excluded.is_active, days_of_week = excluded.days_of_week,
            start_time = excluded.start_time, end_time = excluded.end_time
        """
}

extension StorageTransaction {
    /// Sleep schedules.
    public var sleepSchedules: SleepScheduleRepository { SleepScheduleRepository(tx: self) }
}
