import FarmModel
import Foundation
import Storage
import Synchronization

/// Fails tasks whose worker stopped touching them and marks silent workers as `error` (protocol.md §9).
///
/// Each check is disabled by a zero timeout, independently of the other (§13 row 22). The decisions use the
/// Manager's monotonic clock through ``ObservedActivity`` (the stored timestamps stay for display), so one checker
/// must live as long as the Manager: it remembers what it observed.
public struct TimeoutChecker: Sendable {
    let context: FarmContext
    /// How long an active task may go untouched.
    public let taskTimeout: Duration
    /// How long a worker may go unseen.
    public let workerTimeout: Duration
    /// The least time after start-up before anything times out, whatever its stored age.
    public let startupGrace: Duration
    private let uptime: @Sendable () -> Duration
    private let observations = ObservationStore()

    /// Creates a checker; `uptime` is a monotonic clock that reads zero at the Manager's start-up (injected in tests).
    public init(
        context: FarmContext, taskTimeout: Duration, workerTimeout: Duration, startupGrace: Duration = .seconds(60),
        uptime: @escaping @Sendable () -> Duration = TimeoutChecker.processUptime
    ) {
        self.context = context
        self.taskTimeout = taskTimeout
        self.workerTimeout = workerTimeout
        self.startupGrace = startupGrace
        self.uptime = uptime
    }

    /// Monotonic time since this process first asked for it (the Manager asks at start-up).
    public static let processUptime: @Sendable () -> Duration = {
        let origin = ContinuousClock.now
        return { ContinuousClock.now - origin }
    }()

    /// What one check did.
    public struct Report: Sendable, Equatable {
        /// Tasks failed by the task timeout.
        public var timedOutTasks: [TaskID] = []
        /// Workers put in `error` by the worker timeout.
        public var timedOutWorkers: [WorkerID] = []
    }

    /// Runs both checks in one transaction.
    public func check() async throws -> Report {
        let (taskTimeout, workerTimeout, grace) = (self.taskTimeout, self.workerTimeout, self.startupGrace)
        let (uptime, observations) = (self.uptime, self.observations)
        let (checked, lines) = try await context.database.write { tx in
            let logs = TaskLogLines(now: tx.now)
            var report = Report()
            let now = uptime()
            if workerTimeout > .zero {
                let candidates = try tx.workers.timeoutCandidates()
                let idle = observations.workers.withLock { activity in
                    activity.observe(
                        Dictionary(uniqueKeysWithValues: candidates.compactMap { w in w.lastSeen.map { (w.rowID, $0) } }),
                        wallNow: tx.now, uptime: now, timeout: workerTimeout, grace: grace)
                }
                for worker in candidates where idle.contains(worker.rowID) {
                    let transition = worker.state.timingOut()
                    try tx.workers.saveState(rowID: worker.rowID, transition.state)
                    try WorkerLifecycle.perform(
                        transition.effects, worker: AuthenticatedWorker(rowID: worker.rowID, id: worker.id), tx: tx,
                        logs: logs)
                    report.timedOutWorkers.append(worker.id)
                }
            }
            if taskTimeout > .zero {
                // Read after the worker timeouts, which may have requeued some of these tasks.
                let candidates = try tx.tasks.timeoutCandidates()
                let idle = observations.tasks.withLock { activity in
                    let touched = candidates.compactMap { task in task.lastTouched.map { (task.rowID, $0) } }
                    return activity.observe(
                        Dictionary(uniqueKeysWithValues: touched), wallNow: tx.now, uptime: now, timeout: taskTimeout,
                        grace: grace)
                }
                for task in candidates where idle.contains(task.rowID) {
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

/// What one ``TimeoutChecker`` observed of workers and tasks (by row ID), shared by its copies.
private final class ObservationStore: Sendable {
    let workers = Mutex(ObservedActivity<Int64>())
    let tasks = Mutex(ObservedActivity<Int64>())
}
