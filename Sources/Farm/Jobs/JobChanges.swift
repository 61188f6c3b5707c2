import FarmModel
import Foundation
import Storage

/// User changes to jobs and tasks: status (with Tablao's 422 table), priority, tag, blocklist (protocol.md §6.5,
/// §6.6, §10.2).
public struct JobChanges: Sendable {
    let context: FarmContext

    /// Creates the use case.
    public init(context: FarmContext) { self.context = context }

    /// Requests a job status; 422 for a transition the state machine does not allow.
    public func setJobStatus(_ jobID: JobID, to requested: JobStatus, reason: String) async throws {
        let lines = try await context.database.write { tx in
            let logs = TaskLogLines(now: tx.now)
            let job = try Self.job(jobID, in: tx)
            switch JobStatusRequestPlan(requesting: requested, current: job.status) {
            case .noChange:
                break
            case .rejected(let current, let requested):
                throw FarmError.invalidTransition(
                    "job \(jobID) is \(current.rawValue); it cannot be changed to \(requested.rawValue)")
            case .change(let plan):
                try Self.apply(plan, to: job, reason: reason, tx: tx, logs: logs)
            }
            return try logs.entries(in: tx)
        }
        await context.logs.write(lines)
    }

    /// Carries out a job status plan: store, move tasks in bulk, clear failure state, resolve the follow-up.
    static func apply(_ plan: JobStatusChangePlan, to job: Job, reason: String, tx: StorageTransaction, logs: TaskLogLines)
        throws
    {
        let activity = "Status changed to \(plan.storedStatus.rawValue): \(reason)"
        try tx.jobs.setStatus(rowID: job.rowID, to: plan.storedStatus, activity: activity)
        for move in plan.taskMoves {
            try tx.tasks.moveAll(
                ofJob: job.rowID, from: move.sources.subtracting([move.target]), to: move.target,
                activity: "Task \(move.target.rawValue) because the job is \(plan.storedStatus.rawValue)")
        }
        if plan.clearsFailureState {
            try tx.failures.clearFailures(jobRowID: job.rowID)
            try tx.failures.clearBlocklist(jobRowID: job.rowID)
        }
        let counts = try tx.tasks.counts(ofJob: job.rowID)
        if let resolved = plan.resolvedStatus(given: counts), resolved != plan.storedStatus {
            try tx.jobs.setStatus(rowID: job.rowID, to: resolved, activity: activity)
        }
    }

    /// Requests a task status; 422 for a transition not allowed; `queued` also clears its failure list.
    public func setTaskStatus(_ taskID: TaskID, to requested: TaskStatus, reason: String) async throws {
        let lines = try await context.database.write { tx in
            let logs = TaskLogLines(now: tx.now)
            guard let task = try tx.tasks.find(taskID) else { throw FarmError.notFound("no task \(taskID)") }
            switch TaskStatusRequestDecision(requesting: requested, current: task.status) {
            case .rejected(let current, let requested):
                throw FarmError.invalidTransition(
                    "task \(taskID) is \(current.rawValue); it cannot be changed to \(requested.rawValue)")
            case .allowed(let clearsFailureList):
                if clearsFailureList { try tx.failures.clearFailures(taskRowID: task.rowID) }
                try TaskStatusChanger(tx: tx, logs: logs).change(task, to: requested, activity: reason)
            }
            return try logs.entries(in: tx)
        }
        await context.logs.write(lines)
    }

    /// Changes a job's priority; effective at the next scheduling.
    public func setPriority(_ jobID: JobID, to priority: Int) async throws {
        try await context.database.write { tx in
            try tx.jobs.setPriority(rowID: try Self.job(jobID, in: tx).rowID, to: priority)
        }
    }

    /// Sets the job's worker tag by ID or name; neither removes it; an unknown tag is 422.
    public func setTag(_ jobID: JobID, tagID: String?, tagName: String?) async throws {
        try await context.database.write { tx in
            let job = try Self.job(jobID, in: tx)
            var tagRowID: Int64?
            if let tagID, !tagID.isEmpty {
                guard let id = TagID(validating: tagID), let tag = try tx.tags.find(id) else {
                    throw FarmError.invalidTransition("no worker tag with ID \(tagID)")
                }
                tagRowID = tag.rowID
            } else if let tagName, !tagName.isEmpty {
                guard let tag = try tx.tags.list().first(where: { $0.name == tagName }) else {
                    throw FarmError.invalidTransition("no worker tag named \(tagName)")
                }
                tagRowID = tag.rowID
            }
            try tx.jobs.setTag(rowID: job.rowID, tagRowID: tagRowID)
        }
    }

    /// Removes blocklist entries; entries that do not match are ignored.
    public func removeFromBlocklist(_ jobID: JobID, entries: [(worker: WorkerID, taskType: String)]) async throws {
        try await context.database.write { tx in
            guard let job = try tx.jobs.find(jobID) else { return }
            for entry in entries {
                try tx.failures.unblock(jobRowID: job.rowID, workerID: entry.worker, taskType: entry.taskType)
            }
        }
    }

    static func job(_ id: JobID, in tx: StorageTransaction) throws -> Job {
        guard let job = try tx.jobs.find(id) else { throw FarmError.notFound("no job \(id)") }
        return job
    }
}
