import FarmModel
import Foundation
import Storage

/// Registration, sign-on, sign-off and status reports of workers (protocol.md §3.1–§3.5, §5).
public struct WorkerLifecycle: Sendable {
    let context: FarmContext

    /// Creates the use case.
    public init(context: FarmContext) { self.context = context }

    /// Registers a new worker (no authentication); status `offline` until it signs on.
    public func register(
        name: String, secret: String, platform: String, supportedTaskTypes: [String], address: String
    ) async throws -> Worker {
        let taskTypes = try Self.abilities { () throws(WorkerAbilityLists.Refusal) in
            try WorkerAbilityLists.taskTypes(supportedTaskTypes, normalizing: false)
        }
        let (salt, hash) = WorkerSecrets.hash(secret)
        let registration = WorkerRepository.Registration(
            id: .random(), name: name, address: address, platform: platform, supportedTaskTypes: taskTypes,
            secretSalt: salt, secretHash: hash)
        return try await context.database.write { tx in try tx.workers.register(registration) }
    }

    /// Signs a worker on and answers the status it should enter (protocol.md §3.2).
    public func signOn(
        _ worker: AuthenticatedWorker, name: String, address: String, software: String, canRestart: Bool,
        supportedTaskTypes: [String]
    ) async throws -> WorkerStatus {
        let normalized = try Self.abilities { () throws(WorkerAbilityLists.Refusal) in
            try WorkerAbilityLists.taskTypes(supportedTaskTypes, normalizing: true)
        }
        let timeZone = context.settings.timeZone
        return try await context.database.write { tx in
            let current = try Self.liveWorker(worker, in: tx)
            try tx.workers.recordSignOn(
                rowID: worker.rowID, name: name, address: address, software: software, canRestart: canRestart,
                supportedTaskTypes: normalized)
            let transition = current.state.signingOn()
            try tx.workers.saveState(rowID: worker.rowID, transition.state)
            let asleep = try tx.sleepSchedules.find(workerRowID: worker.rowID)?
                .isAsleep(at: tx.now, in: timeZone) ?? false
            return transition.state.signOnStatus(isScheduledAsleep: asleep)
        }
    }

    /// The list `make` returns; its refusal becomes a 400.
    static func abilities<T>(_ make: () throws(WorkerAbilityLists.Refusal) -> T) throws(FarmError) -> T {
        do throws(WorkerAbilityLists.Refusal) {
            return try make()
        } catch {
            throw .invalidInput(error.message)
        }
    }

    /// Signs a worker off: `offline`, remembered state, active tasks back to the pool (protocol.md §3.3).
    public func signOff(_ worker: AuthenticatedWorker) async throws {
        let lines = try await context.database.write { tx in
            let logs = TaskLogLines(now: tx.now)
            let current = try Self.liveWorker(worker, in: tx)
            let transition = current.state.signingOff()
            try tx.workers.saveState(rowID: worker.rowID, transition.state)
            try tx.workers.touchLastSeen(rowID: worker.rowID)
            try Self.perform(transition.effects, worker: worker, tx: tx, logs: logs)
            return try logs.entries(in: tx)
        }
        await context.logs.write(lines)
    }

    /// The pending status change, if any; nothing is cleared (protocol.md §3.4).
    public func pendingStatusChange(_ worker: AuthenticatedWorker) async throws -> WorkerStatus? {
        try await context.database.write { tx in
            let current = try Self.liveWorker(worker, in: tx)
            try tx.workers.touchLastSeen(rowID: worker.rowID)
            return current.state.pendingStatus
        }
    }

    /// Records the status a worker entered (protocol.md §3.5).
    public func statusChanged(_ worker: AuthenticatedWorker, to status: WorkerStatus) async throws {
        let lines = try await context.database.write { tx in
            let logs = TaskLogLines(now: tx.now)
            let current = try Self.liveWorker(worker, in: tx)
            let transition = current.state.reportingStatus(status)
            try tx.workers.saveState(rowID: worker.rowID, transition.state)
            try tx.workers.touchLastSeen(rowID: worker.rowID)
            try Self.perform(transition.effects, worker: worker, tx: tx, logs: logs)
            return try logs.entries(in: tx)
        }
        await context.logs.write(lines)
    }

    /// The worker row, or access denied when it was deleted since authentication.
    /// Throws `accessDenied` unless the worker exists and is not deleted; for use cases that need nothing else of it.
    static func requireLive(_ worker: AuthenticatedWorker, in tx: StorageTransaction) throws {
        guard try tx.workers.isLive(rowID: worker.rowID) else { throw FarmError.accessDenied("unknown worker") }
    }

    static func liveWorker(_ worker: AuthenticatedWorker, in tx: StorageTransaction) throws -> Worker {
        guard let current = try tx.workers.find(rowID: worker.rowID), current.deletedAt == nil else {
            throw FarmError.accessDenied("unknown worker")
        }
        return current
    }

    /// Carries out the effects of a worker status transition in the same transaction.
    static func perform(
        _ effects: [WorkerStatusEffect], worker: AuthenticatedWorker, tx: StorageTransaction, logs: TaskLogLines
    ) throws {
        for effect in effects {
            switch effect {
            case .returnActiveTasksToPool(let reason):
                try TaskPool(tx: tx, logs: logs).returnActiveTasks(ofWorker: worker.rowID, reason: reason)
            }
        }
    }
}
