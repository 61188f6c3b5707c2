import FarmModel
import Foundation
import Storage

/// Deleting jobs (protocol.md §10.2 with §13 row 26): never scheduled once requested, active tasks canceled first,
/// then the rows, logs and previews removed.
public struct JobDeletion: Sendable {
    let context: FarmContext

    /// Creates the use case.
    public init(context: FarmContext) { self.context = context }

    /// Deletes one job.
    public func delete(_ jobID: JobID) async throws {
        try await requestDeletion(of: [jobID])
        try await finishDeletion(of: jobID)
    }

    /// Deletes every job updated at or before `cutoff` (rounded up to whole seconds); 416 when none matches.
    public func deleteJobs(updatedAtOrBefore cutoff: Date) async throws -> Int {
        let rounded = Date(timeIntervalSince1970: cutoff.timeIntervalSince1970.rounded(.up))
        let ids = try await context.database.read { tx in try tx.jobs.list().filter { $0.updated <= rounded }.map(\.id) }
        guard !ids.isEmpty else {
            throw FarmError.rangeNotSatisfiable("no job was updated at or before \(rounded)")
        }
        try await requestDeletion(of: ids)
        for id in ids { try await finishDeletion(of: id) }
        return ids.count
    }

    /// Finishes deletions interrupted by a crash (jobs whose deletion was requested but whose rows remain).
    public func resumePendingDeletions() async throws -> Int {
        let ids = try await context.database.read { tx in
            try tx.jobs.list().filter { $0.deleteRequestedAt != nil }.map(\.id)
        }
        for id in ids { try await finishDeletion(of: id) }
        return ids.count
    }

    /// Step 1, one transaction: mark for deletion (unschedulable from now on) and cancel active tasks.
    private func requestDeletion(of ids: [JobID]) async throws {
        let logs = context.logs
        try await context.database.write { tx in
            for id in ids {
                guard let job = try tx.jobs.find(id) else {
                    if ids.count == 1 { throw FarmError.notFound("no job \(id)") }
                    continue
                }
                try tx.jobs.requestDeletion(rowID: job.rowID)
                for task in try tx.tasks.tasks(ofJob: job.rowID, in: [.active]) {
                    try TaskStatusChanger(tx: tx, logs: logs)
                        .change(task, to: .canceled, activity: "Task canceled because its job is being deleted")
                }
            }
        }
    }

    /// Step 2: remove logs and previews, then the rows (tasks, dependencies, failures, blocklist cascade).
    private func finishDeletion(of id: JobID) async throws {
        try context.logs.removeJobFolder(id)
        try await context.database.write { tx in
            if let job = try tx.jobs.find(id) { try tx.jobs.delete(rowID: job.rowID) }
        }
    }
}
