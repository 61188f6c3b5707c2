import FarmModel
import Foundation
import Storage

/// A worker's task update (protocol.md §4.7); every field optional.
public struct TaskUpdateInput: Sendable {
    public var status: TaskStatus?
    public var activity: String?
    public var log: String?
    public var stepsCompleted: Int?

    /// Creates an update.
    public init(status: TaskStatus? = nil, activity: String? = nil, log: String? = nil, stepsCompleted: Int? = nil) {
        self.status = status
        self.activity = activity
        self.log = log
        self.stepsCompleted = stepsCompleted
    }
}

/// What happened to an update's status change.
public enum TaskUpdateResult: Sendable, Equatable {
    /// Stored; any status change applied.
    case stored
    /// Stored, but the status change was ignored: the task is no longer active (§13 row 7).
    case statusChangeIgnored(current: TaskStatus)
}

/// Applies worker task updates in one transaction each (protocol.md §3.7 with §13 row 7).
public struct TaskUpdates: Sendable {
    let context: FarmContext

    /// Creates the use case.
    public init(context: FarmContext) { self.context = context }

    /// Applies `update` from `worker` to the task; answered only after it is committed.
    public func update(_ taskID: TaskID, from worker: AuthenticatedWorker, _ update: TaskUpdateInput) async throws
        -> TaskUpdateResult
    {
        let thresholds = context.settings.failureThresholds
        let (outcome, lines) = try await context.database.write { tx in
            let logs = TaskLogLines(now: tx.now)
            try WorkerLifecycle.requireLive(worker, in: tx)
            guard let task = try tx.tasks.find(taskID, withCommands: false) else { throw FarmError.notFound("task \(taskID) not found") }
            guard let assignee = task.workerRowID else { throw FarmError.conflict("task \(taskID) is not assigned") }
            guard assignee == worker.rowID else {
                throw FarmError.conflict("task \(taskID) is assigned to another worker")
            }
            if update.status == .softFailed {
                throw FarmError.invalidInput("workers report failed; soft-failed is decided by the Manager")
            }
            try tx.workers.touchLastSeen(rowID: worker.rowID)
            // Progress and the timeout reset of an active task share one UPDATE.
            let hasProgress = update.activity != nil || update.stepsCompleted != nil
            if hasProgress || task.status == .active {
                try tx.tasks.recordProgress(
                    rowID: task.rowID, activity: update.activity, stepsCompleted: update.stepsCompleted.map { max(0, $0) },
                    touch: task.status == .active)
            }
            var result = TaskUpdateResult.stored
            if let status = update.status, status != task.status {
                if task.status == .active {
                    // Progress above changed only activity and steps, which neither path reads: no need to re-read.
                    if status == .failed {
                        try FailureHandling(tx: tx, logs: logs, thresholds: thresholds)
                            .handleFailure(of: task, by: worker.rowID)
                    } else {
                        try TaskStatusChanger(tx: tx, logs: logs).change(task, to: status)
                    }
                } else {
                    result = .statusChangeIgnored(current: task.status)
                }
            }
            if let log = update.log { logs.append(log, of: task) }
            return (result, try logs.entries(in: tx))
        }
        await context.logs.write(lines)
        return outcome
    }
}
