import FarmModel
import Foundation
import Storage

/// Administrators' worker operations: status requests, deletion, tags, sleep schedules (protocol.md §10.3, §5).
public struct WorkerManagement: Sendable {
    let context: FarmContext

    /// Creates the use case.
    public init(context: FarmContext) { self.context = context }

    /// Queues a status change (lazy or immediate); 412 for `restart` on a worker that cannot restart.
    public func requestStatus(_ id: WorkerID, _ status: WorkerStatus, isLazy: Bool) async throws {
        try await context.database.write { tx in
            let worker = try Self.worker(id, in: tx)
            switch worker.state.requestingStatus(status, isLazy: isLazy, canRestart: worker.canRestart) {
            case .restartNotSupported:
                throw FarmError.preconditionFailed("worker \(worker.name) cannot restart itself")
            case .accepted(let transition):
                try tx.workers.saveState(rowID: worker.rowID, transition.state)
            }
        }
    }

    /// Returns the worker's active tasks to the pool, then soft-deletes it; it can never authenticate again.
    public func delete(_ id: WorkerID) async throws {
        let lines = try await context.database.write { tx in
            let logs = TaskLogLines(now: tx.now)
            let worker = try Self.worker(id, in: tx)
            try TaskPool(tx: tx, logs: logs).returnActiveTasks(ofWorker: worker.rowID, reason: "worker was deleted")
            try tx.workers.softDelete(rowID: worker.rowID)
            return try logs.entries(in: tx)
        }
        await context.logs.write(lines)
    }

    /// Replaces the worker's tag memberships; unknown tag IDs are ignored.
    public func setTags(_ id: WorkerID, to tags: [TagID]) async throws {
        let distinct = try WorkerLifecycle.abilities { () throws(WorkerAbilityLists.Refusal) in
            try WorkerAbilityLists.tags(tags)
        }
        try await context.database.write { tx in
            try tx.tags.setTags(ofWorker: try Self.worker(id, in: tx).rowID, to: distinct)
        }
    }

    /// The worker's sleep schedule, if any; 404 for an unknown worker.
    public func sleepSchedule(of id: WorkerID) async throws -> SleepSchedule? {
        try await context.database.read { tx in
            try tx.sleepSchedules.find(workerRowID: try Self.worker(id, in: tx).rowID)
        }
    }

    /// Validates, normalises and stores a sleep schedule, then applies it at once.
    public func setSleepSchedule(of id: WorkerID, _ schedule: SleepSchedule) async throws {
        let normalized: SleepSchedule
        do {
            normalized = try schedule.normalized()
        } catch {
            throw FarmError.invalidInput("invalid sleep schedule: \(error)")
        }
        let timeZone = context.settings.timeZone
        try await context.database.write { tx in
            let worker = try Self.worker(id, in: tx)
            try tx.sleepSchedules.save(workerRowID: worker.rowID, normalized)
            try SleepScheduleApplier.apply(normalized, to: worker, at: tx.now, in: timeZone, tx: tx)
        }
    }

    static func worker(_ id: WorkerID, in tx: StorageTransaction) throws -> Worker {
        guard let worker = try tx.workers.find(id) else { throw FarmError.notFound("no worker \(id)") }
        return worker
    }
}

/// Turns sleep schedules into status requests (protocol.md §5.5).
public enum SleepScheduleApplier {
    /// Applies one schedule to one worker now; returns whether a request was made.
    @discardableResult
    static func apply(_ schedule: SleepSchedule, to worker: Worker, at now: Date, in timeZone: TimeZone, tx: StorageTransaction)
        throws -> Bool
    {
        guard schedule.isActive else { return false }
        let scheduled = schedule.scheduledStatus(at: now, in: timeZone)
        guard let transition = worker.state.applyingSleepSchedule(scheduled) else { return false }
        try tx.workers.saveState(rowID: worker.rowID, transition.state)
        return true
    }

    /// Applies every active schedule (the periodic check); returns how many workers got a request.
    public static func applyAll(context: FarmContext) async throws -> Int {
        let timeZone = context.settings.timeZone
        return try await context.database.write { tx in
            var requests = 0
            for (rowID, schedule) in try tx.sleepSchedules.all() where schedule.isActive {
                guard let worker = try tx.workers.find(rowID: rowID), worker.deletedAt == nil else { continue }
                if try apply(schedule, to: worker, at: tx.now, in: timeZone, tx: tx) { requests += 1 }
            }
            return requests
        }
    }
}
