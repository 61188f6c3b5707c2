import FarmModel
import Foundation
import Storage

/// Settles what a crash or hard stop left half-done, before the first request is served.
///
/// - tasks `active` on workers that are `offline` or in `error` (or deleted) go back to the pool;
/// - jobs left in a transitional status are settled: `cancel-requested` → canceled, `requeueing` → queued,
///   `pause-requested` with nothing active → paused;
/// - jobs whose deletion was requested are deleted, and folders of jobs already deleted are removed.
public struct StartupRecovery: Sendable {
    let context: FarmContext

    /// Creates the recovery.
    public init(context: FarmContext) { self.context = context }

    /// What recovery did.
    public struct Report: Sendable, Equatable {
        /// Tasks returned to the pool.
        public var requeuedTasks = 0
        /// Jobs whose transitional status was settled.
        public var settledJobs = 0
        /// Jobs whose interrupted deletion was finished.
        public var deletedJobs = 0
        /// Folders of jobs already deleted (a crash between the rows and the folder) that were removed.
        public var orphanedFoldersRemoved = 0
    }

    /// Runs recovery; each step is one transaction.
    public func run() async throws -> Report {
        let (recovered, lines) = try await context.database.write { tx in
            let logs = TaskLogLines(now: tx.now)
            var report = Report()
            for task in try tx.tasks.allActiveTasks() {
                let worker = try task.workerRowID.flatMap { try tx.workers.find(rowID: $0) }
                let gone = worker == nil || worker?.deletedAt != nil
                if gone || worker?.state.status == .offline || worker?.state.status == .error {
                    try TaskPool(tx: tx, logs: logs).returnTask(task, reason: "its worker was not running at start-up")
                    report.requeuedTasks += 1
                }
            }
            for job in try tx.jobs.list() where [.cancelRequested, .requeueing, .pauseRequested].contains(job.status) {
                let counts = try tx.tasks.counts(ofJob: job.rowID)
                let resolved: JobStatus? =
                    switch job.status {
                    case .cancelRequested: .canceled
                    case .requeueing: counts.areAllCompleted ? .completed : .queued
                    default: counts.hasActiveTask ? nil : .paused
                    }
                guard let resolved else { continue }
                if resolved == .canceled {
                    let move = TaskStatusMove.cancelForJobCancel
                    try tx.tasks.moveAll(ofJob: job.rowID, from: move.sources, to: move.target, activity: "Job canceled")
                }
                try tx.jobs.setStatus(rowID: job.rowID, to: resolved, activity: "Settled at start-up")
                report.settledJobs += 1
            }
            return (report, try logs.entries(in: tx))
        }
        await context.logs.write(lines)
        var report = recovered
        report.deletedJobs = try await JobDeletion(context: context).resumePendingDeletions()
        report.orphanedFoldersRemoved = try await JobDeletion(context: context).removeOrphanedFolders()
        return report
    }
}
