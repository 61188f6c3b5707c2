import FarmModel
import Foundation
import Storage

/// Deleting jobs (protocol.md §10.2 with §13 row 26): never scheduled once requested, active tasks canceled first,
/// then the rows removed, then the logs and previews.
///
/// From the request on, no log line of the job is written, so a task update racing the deletion never recreates
/// the folder; a folder that cannot be removed (read-only disk) is counted and logged and does not fail the deletion.
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

    /// Removes job folders whose job no longer exists: what a crash between a deletion's rows and its folder leaves.
    /// Only folders named as job folders are touched (`job-<first 4 of the ID>/<job ID>`).
    public func removeOrphanedFolders() async throws -> Int {
        let root = context.settings.storageRoot
        let known = try await context.database.read { tx in Set(try tx.jobs.list().map(\.id.rawValue)) }
        var removed = 0
        let manager = FileManager.default
        for prefix in (try? manager.contentsOfDirectory(atPath: root.path)) ?? [] where prefix.hasPrefix("job-") {
            for name in (try? manager.contentsOfDirectory(atPath: root.appending(path: prefix).path)) ?? [] {
                guard let id = JobID(validating: name), name == name.lowercased(), prefix == "job-" + id.rawValue.prefix(4),
                    !known.contains(name)
                else { continue }
                if await context.logs.removeJobFolder(id) { removed += 1 }
            }
        }
        return removed
    }

    /// Step 1, one transaction: mark for deletion (unschedulable from now on) and cancel active tasks. Their log
    /// lines are not written: the folder is about to go.
    private func requestDeletion(of ids: [JobID]) async throws {
        try await context.database.write { tx in
            let logs = TaskLogLines(now: tx.now)
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
        for id in ids { context.logs.stopWriting(id) }
    }

    /// Step 2: remove the rows (tasks, dependencies, failures, blocklist cascade), then the logs and previews.
    private func finishDeletion(of id: JobID) async throws {
        context.logs.stopWriting(id)
        try await context.database.write { tx in
            if let job = try tx.jobs.find(id) { try tx.jobs.delete(rowID: job.rowID) }
        }
        await context.logs.removeJobFolder(id)
    }
}
