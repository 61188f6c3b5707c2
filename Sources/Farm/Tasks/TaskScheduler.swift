import FarmModel
import Foundation
import Storage

/// What a worker's task request resolved to (protocol.md §3.6).
public enum ScheduleOutcome: Sendable {
    /// A task was assigned (or re-offered) to the worker.
    case assigned(TaskAssignment)
    /// Nothing is runnable for this worker.
    case noTask
    /// A status change is pending: the worker must switch first (423).
    case statusChangeRequested(WorkerStatus)
    /// The worker is not `awake` (409).
    case notAwake(message: String)
}

/// A task handed to a worker; its commands are decoded and expanded by the caller, off the database thread.
public struct TaskAssignment: Sendable {
    /// The task as stored after the assignment (status `active`, held by the worker); its `commands` are empty.
    public let task: FarmTask
    /// The job's priority.
    public let jobPriority: Int
    /// The job's type name.
    public let jobType: String
    /// The task's commands as stored (JSON text).
    let storedCommands: String
    /// The variables of the worker's platform (protocol.md §7.5).
    let platformVariables: [String: String]

    /// The commands with `{variables}` expanded for the worker's platform.
    public func commands() throws -> [CompiledCommand] {
        try StoredCommands.decode(storedCommands).map {
            CompiledCommand(
                name: $0.name, parameters: VariableExpansion.expand(parameters: $0.parameters, with: platformVariables),
                totalStepCount: $0.totalStepCount)
        }
    }
}

/// Hands out tasks: one write transaction per request finds, assigns, rolls up and logs (protocol.md §7).
public struct TaskScheduler: Sendable {
    let context: FarmContext

    /// Creates the use case.
    public init(context: FarmContext) { self.context = context }

    /// Resolves a worker's `POST /worker/task`.
    public func scheduleTask(for worker: AuthenticatedWorker) async throws -> ScheduleOutcome {
        let variables = context.settings.variables
        let (outcome, lines): (ScheduleOutcome, [TaskLogEntry]) = try await context.database.write { tx in
            let current = try WorkerLifecycle.liveWorker(worker, in: tx)
            try tx.workers.touchLastSeen(rowID: worker.rowID)
            switch TaskRequestAdmission(current.state) {
            case .statusChangeRequested(let status): return (.statusChangeRequested(status), [])
            case .notAwake:
                return (.notAwake(message: TaskRequestAdmission(current.state).notAwakeMessage ?? "not awake"), [])
            case .mayRequestTask: break
            }
            let logs = TaskLogLines(now: tx.now)
            let scheduling = Scheduling(tx: tx, logs: logs, worker: current)
            guard let task = try scheduling.reofferedTask() ?? scheduling.nextTask() else {
                return (.noTask, try logs.entries(in: tx))
            }
            let assigned = try scheduling.hand(task)
            // Both rows were just read in this transaction; if they were not there, undo the assignment (by throwing)
            // rather than commit a task the worker never hears of.
            guard let commands = try tx.tasks.commandsJSON(rowID: task.rowID), let job = try tx.jobs.facts(rowID: task.jobRowID)
            else { throw StorageError.notFound(entity: "task", id: task.id.rawValue) }
            let assignment = TaskAssignment(
                task: assigned, jobPriority: job.priority, jobType: job.type, storedCommands: commands,
                platformVariables: variables.values(forPlatform: current.platform))
            return (.assigned(assignment), try logs.entries(in: tx))
        }
        await context.logs.write(lines)
        return outcome
    }
}

/// The steps of one scheduling transaction.
private struct Scheduling {
    let tx: StorageTransaction
    let logs: TaskLogLines
    let worker: Worker

    /// The worker's own active task if its job is still runnable; active tasks of jobs that are not are settled
    /// first, so a worker never holds two active tasks (§7.4, §13 row 31).
    func reofferedTask() throws -> FarmTask? {
        var reoffer: FarmTask?
        for task in try tx.tasks.activeTasks(ofWorker: worker.rowID) {
            guard let job = try tx.jobs.facts(rowID: task.jobRowID) else { continue }
            if reoffer == nil, job.status.isSchedulable, !job.isDeletionRequested {
                reoffer = task
            } else {
                try settle(task, job: job)
            }
        }
        return reoffer
    }

    /// The first eligible task in scheduling order.
    func nextTask() throws -> FarmTask? {
        let asker = RunQueue.Asker(
            workerRowID: worker.rowID, supportedTaskTypes: worker.supportedTaskTypes,
            tagRowIDs: try tx.runQueue.tagRowIDs(ofWorker: worker.rowID))
        guard let rowID = try tx.runQueue.nextRunnableTaskRowID(for: asker) else { return nil }
        return try tx.tasks.find(rowID: rowID, withCommands: false)
    }

    /// Assigns the task (one UPDATE sets the worker and `active`), logs the change and the assignment in one write,
    /// rolls the job up, and returns the task as now stored.
    func hand(_ task: FarmTask) throws -> FarmTask {
        try tx.tasks.assign(rowID: task.rowID, to: worker.rowID)
        try TaskStatusChanger(tx: tx, logs: logs).recordStoredChange(
            task, to: .active, notes: ["task assigned to worker \(worker.name) (\(worker.id.rawValue))"])
        // Exactly what a re-read would return: the stored text form of now.
        let stored = Timestamp.date(from: tx.nowText) ?? tx.now
        var assigned = task
        assigned.status = .active
        assigned.workerRowID = worker.rowID
        assigned.updated = stored
        assigned.lastTouched = stored
        assigned.commands = []
        return assigned
    }

    /// Ends an active task whose job no longer runs: paused in a pausing job, else canceled or requeued.
    private func settle(_ task: FarmTask, job: JobFacts) throws {
        let target: TaskStatus =
            switch job.status {
            case .pauseRequested, .paused: .paused
            case .queued, .active, .requeueing, .underConstruction:
                job.isDeletionRequested ? .canceled : .queued
            case .cancelRequested, .canceled, .failed, .completed: .canceled
            }
        let activity = "Task was \(target.rawValue) by Manager because its job is \(job.status.rawValue)"
        try TaskStatusChanger(tx: tx, logs: logs).change(task, to: target, activity: activity)
    }
}
