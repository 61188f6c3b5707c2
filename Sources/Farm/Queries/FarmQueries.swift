import FarmModel
import Foundation
import Storage

/// A task with the workers it refers to, for display.
public struct TaskView: Sendable {
    /// The task.
    public let task: FarmTask
    /// Its last assignee, deleted or not.
    public let worker: Worker?
    /// Workers on its failure list.
    public let failedBy: [Worker]
}

/// A worker with its tags and the task to show for it.
public struct WorkerView: Sendable {
    /// The worker.
    public let worker: Worker
    /// Its tags.
    public let tags: [WorkerTag]
    /// Its active task in an active job, else the most recently updated task it ever had.
    public let task: FarmTask?
}

/// Read-only views of the farm for the management API (protocol.md §10).
public struct FarmQueries: Sendable {
    let context: FarmContext

    /// Creates the queries.
    public init(context: FarmContext) { self.context = context }

    /// All jobs in creation order.
    public func jobs() async throws -> [Job] { try await context.database.read { tx in try tx.jobs.list() } }

    /// One job.
    public func job(_ id: JobID) async throws -> Job {
        try await context.database.read { tx in try JobChanges.job(id, in: tx) }
    }

    /// The tasks of a job with their assignees (empty for an unknown job).
    public func tasks(ofJob id: JobID) async throws -> [TaskView] {
        try await context.database.read { tx in
            guard let job = try tx.jobs.find(id) else { return [] }
            let workers = try tx.workers.allByRowID()
            return try tx.tasks.tasks(ofJob: job.rowID).map {
                TaskView(task: $0, worker: $0.workerRowID.flatMap { workers[$0] }, failedBy: [])
            }
        }
    }

    /// One task with its assignee and failure list.
    public func task(_ id: TaskID) async throws -> TaskView {
        try await context.database.read { tx in
            guard let task = try tx.tasks.find(id) else { throw FarmError.notFound("no task \(id)") }
            let worker = try task.workerRowID.flatMap { try tx.workers.find(rowID: $0) }
            return TaskView(task: task, worker: worker, failedBy: try tx.failures.failedWorkers(taskRowID: task.rowID))
        }
    }

    /// Non-deleted workers by name.
    public func workers() async throws -> [Worker] { try await context.database.read { tx in try tx.workers.list() } }

    /// One non-deleted worker with tags and task.
    public func worker(_ id: WorkerID) async throws -> WorkerView {
        try await context.database.read { tx in
            let worker = try WorkerManagement.worker(id, in: tx)
            let active = try tx.tasks.activeTasks(ofWorker: worker.rowID).first { task in
                (try? tx.jobs.find(rowID: task.jobRowID))??.status == .active
            }
            return WorkerView(
                worker: worker, tags: try tx.tags.tags(ofWorker: worker.rowID),
                task: try active ?? tx.tasks.latestTask(ofWorker: worker.rowID))
        }
    }

    /// All worker tags.
    public func tags() async throws -> [WorkerTag] { try await context.database.read { tx in try tx.tags.list() } }

    /// One worker tag.
    public func tag(_ id: TagID) async throws -> WorkerTag {
        try await context.database.read { tx in
            guard let tag = try tx.tags.find(id) else { throw FarmError.notFound("no worker tag \(id)") }
            return tag
        }
    }

    /// A job's blocklist sorted by worker name (empty for an unknown job).
    public func blocklist(ofJob id: JobID) async throws -> [(worker: Worker, taskType: String)] {
        try await context.database.read { tx in
            guard let job = try tx.jobs.find(id) else { return [] }
            return try tx.failures.blocklist(jobRowID: job.rowID)
        }
    }

    /// The job that most recently got previews.
    public func lastRenderedJob() async throws -> JobID? {
        try await context.database.read { tx in try tx.lastRendered.latestJob() }
    }

    /// The farm's overall status (protocol.md §10.4), evaluated now.
    public func farmStatus() async throws -> String {
        try await context.database.read { tx in
            let workers = try tx.workers.list()
            let jobs = try tx.jobs.list().filter { $0.deleteRequestedAt == nil }
            if workers.allSatisfy({ $0.state.status == .offline || $0.state.status == .error }) { return "inoperative" }
            let anyAwake = workers.contains { $0.state.status == .awake }
            if jobs.contains(where: { $0.status == .active }) && anyAwake { return "active" }
            if jobs.contains(where: { $0.status == .active || $0.status == .queued }) { return "waiting" }
            if !anyAwake && workers.contains(where: { $0.state.status == .asleep }) { return "asleep" }
            return "idle"
        }
    }
}
