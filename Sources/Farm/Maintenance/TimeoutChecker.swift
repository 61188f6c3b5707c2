import FarmModel
import Foundation
import Storage

/// Fails tasks whose worker stopped touching them and marks silent workers as `error` (protocol.md §9).
///
/// Each check is disabled by a zero timeout, independently of the other (§13 row 22).
public struct TimeoutChecker: Sendable {
    let context: FarmContext
    /// How long an active task may go untouched.
    public let taskTimeout: Duration
    /// How long a worker may go unseen.
    public let workerTimeout: Duration

    /// Creates a checker.
    public init(context: FarmContext, taskTimeout: Duration, workerTimeout: Duration) {
        self.context = context
        self.taskTimeout = taskTimeout
        self.workerTimeout = workerTimeout
    }

    /// What one check did.
    public struct Report: Sendable, Equatable {
        /// Tasks failed by the task timeout.
        public var timedOutTasks: [TaskID] = []
        /// Workers put in `error` by the worker timeout.
        public var timedOutWorkers: [WorkerID] = []
    }

    /// Runs both checks in one transaction.
    public func check() async throws -> Report {
        let (taskTimeout, workerTimeout) = (self.taskTimeout, self.workerTimeout)
        let (checked, lines) = try await context.database.write { tx in
            let logs = TaskLogLines(now: tx.now)
            var report = Report()
            if let cutoff = TimeoutRules.cutoff(now: tx.now, timeout: workerTimeout) {
                for worker in try tx.workers.timedOut(lastSeenAtOrBefore: cutoff) {
                    let transition = worker.state.timingOut()
                    try tx.workers.saveState(rowID: worker.rowID, transition.state)
                    try WorkerLifecycle.perform(
                        transition.effects, worker: AuthenticatedWorker(rowID: worker.rowID, id: worker.id), tx: tx,
                        logs: logs)
                    report.timedOutWorkers.append(worker.id)
                }
            }
            if let cutoff = TimeoutRules.cutoff(now: tx.now, timeout: taskTimeout) {
                for task in try tx.tasks.activeTasks(lastTouchedAtOrBefore: cutoff) {
                    let worker = try task.workerRowID.flatMap { try tx.workers.find(rowID: $0) }
                    let name = worker?.name ?? "unknown worker"
                    logs.appendNote(
                        TimeoutRules.timedOutTaskLogLine(
                            workerName: name, workerID: worker?.id ?? WorkerID(unchecked: ""), lastTouched: task.lastTouched ?? tx.now),
                        of: task)
                    try TaskStatusChanger(tx: tx, logs: logs)
                        .change(task, to: .failed, activity: TimeoutRules.timedOutTaskActivity(workerName: name))
                    report.timedOutTasks.append(task.id)
                }
            }
            return (report, try logs.entries(in: tx))
        }
        await context.logs.write(lines)
        return checked
    }
}
