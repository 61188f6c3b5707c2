import FarmModel
import Foundation
import Storage
import Testing

@testable import Farm

/// What `StartupRecovery` settles before the first request: stranded tasks, transitional jobs, interrupted deletions.
@Suite struct StartupRecoveryTests {
    private func recover(_ farm: FarmFixture) async throws -> StartupRecovery.Report {
        try await StartupRecovery(context: farm.context).run()
    }

    @Test func cleanFarmNeedsNoRecovery() async throws {
        try await FarmFixture.with { farm in
            let (job, _) = try await farm.seedJob(count: 2)
            let worker = try await farm.awakeWorker("awake")
            let task = try await farm.assign(worker)
            #expect(try await recover(farm) == StartupRecovery.Report())
            #expect(try await farm.task(task.id).status == .active)
            #expect(try await farm.job(job.id)?.status == .active)
        }
    }

    @Test func activeTasksOfOfflineErrorAndDeletedWorkersAreRequeued() async throws {
        try await FarmFixture.with { farm in
            let (job, _) = try await farm.seedJob(count: 4)
            let offline = try await farm.awakeWorker("offline")
            let broken = try await farm.awakeWorker("broken")
            let deleted = try await farm.awakeWorker("deleted")
            let running = try await farm.awakeWorker("running")
            let offlineTask = try await farm.assign(offline)
            let brokenTask = try await farm.assign(broken)
            let deletedTask = try await farm.assign(deleted)
            let runningTask = try await farm.assign(running)
            // The state a crash leaves: statuses stored, tasks never returned.
            try await farm.setState(of: offline, WorkerStatusState(status: .offline))
            try await farm.setState(of: broken, WorkerStatusState(status: .error))
            try await farm.database.write { tx in try tx.workers.softDelete(rowID: deleted.rowID) }

            let report = try await recover(farm)
            #expect(report.requeuedTasks == 3)
            #expect(report.settledJobs == 0)
            for task in [offlineTask, brokenTask, deletedTask] {
                let stored = try await farm.task(task.id)
                #expect(stored.status == .queued, "\(task.name)")
                #expect(stored.workerRowID == task.workerRowID, "\(task.name)")
                #expect(farm.log(of: stored).contains("not running at start-up"), "\(task.name)")
            }
            #expect(try await farm.task(runningTask.id).status == .active)
            #expect(try await farm.job(job.id)?.status == .active)
        }
    }

    @Test func activeTaskOfAPausingJobIsPausedAndTheJobPauses() async throws {
        try await FarmFixture.with { farm in
            let (job, _) = try await farm.seedJob(count: 2)
            let worker = try await farm.awakeWorker("offline")
            let task = try await farm.assign(worker)
            try await JobChanges(context: farm.context).setJobStatus(job.id, to: .pauseRequested, reason: "tests")
            try await farm.setState(of: worker, WorkerStatusState(status: .offline))

            #expect(try await recover(farm).requeuedTasks == 1)
            #expect(try await farm.task(task.id).status == .paused)
            #expect(try await farm.job(job.id)?.status == .paused)
        }
    }

    @Test func transitionalJobStatusesAreSettled() async throws {
        try await FarmFixture.with { farm in
            let canceling = try await farm.seedJob(
                "canceling", status: .cancelRequested, count: 4, statuses: [.queued, .paused, .softFailed, .completed])
            let requeueing = try await farm.seedJob(
                "requeueing", status: .requeueing, count: 2, statuses: [.queued, .completed])
            let requeueingDone = try await farm.seedJob(
                "requeueing-done", status: .requeueing, count: 2, statuses: [.completed, .completed])
            let pausing = try await farm.seedJob(
                "pausing", status: .pauseRequested, count: 2, statuses: [.paused, .completed])
            let untouched = try await farm.seedJob("untouched", status: .queued, count: 1)

            let report = try await recover(farm)
            #expect(report.settledJobs == 4)
            #expect(try await farm.job(canceling.job.id)?.status == .canceled)
            #expect(try await farm.statuses(of: canceling.job) == [.canceled, .canceled, .canceled, .completed])
            #expect(try await farm.job(requeueing.job.id)?.status == .queued)
            #expect(try await farm.job(requeueingDone.job.id)?.status == .completed)
            #expect(try await farm.job(pausing.job.id)?.status == .paused)
            #expect(try await farm.job(untouched.job.id)?.status == .queued)
        }
    }

    @Test func pausingJobWithAStillRunningTaskKeepsWaiting() async throws {
        try await FarmFixture.with { farm in
            let (job, _) = try await farm.seedJob(count: 2)
            let worker = try await farm.awakeWorker("awake")
            let task = try await farm.assign(worker)
            try await JobChanges(context: farm.context).setJobStatus(job.id, to: .pauseRequested, reason: "tests")

            #expect(try await recover(farm) == StartupRecovery.Report())
            #expect(try await farm.job(job.id)?.status == .pauseRequested)
            #expect(try await farm.task(task.id).status == .active)
        }
    }

    @Test func interruptedDeletionsAreFinished() async throws {
        try await FarmFixture.with { farm in
            let (doomed, doomedTasks) = try await farm.seedJob("doomed", count: 2)
            let (kept, keptTasks) = try await farm.seedJob("kept", count: 1)
            try farm.context.logs.append("log\n", job: doomed.id, task: doomedTasks[0].id)
            try farm.context.logs.append("log\n", job: kept.id, task: keptTasks[0].id)
            // A crash between the two steps of a deletion leaves the request stored and the rows in place.
            try await farm.database.write { tx in try tx.jobs.requestDeletion(rowID: doomed.rowID) }

            let report = try await recover(farm)
            #expect(report.deletedJobs == 1)
            #expect(try await farm.job(doomed.id) == nil)
            #expect(try await farm.database.read { tx in try tx.tasks.find(doomedTasks[0].id) } == nil)
            #expect(!FileManager.default.fileExists(atPath: farm.jobFolder(doomed.id).path))
            #expect(try await farm.job(kept.id) != nil)
            #expect(FileManager.default.fileExists(atPath: farm.jobFolder(kept.id).path))
        }
    }
}

/// Job deletion removes the rows before the folder; a crash between the two leaves a folder no job owns.
@Suite struct OrphanedJobFolderTests {
    @Test func aFolderWhoseJobRowsAreGoneIsRemovedAtStartUpAndNothingElseIs() async throws {
        try await FarmFixture.with { farm in
            let (gone, goneTasks) = try await farm.seedJob("gone", count: 1)
            let (kept, keptTasks) = try await farm.seedJob("kept", count: 1)
            try farm.context.logs.append("log\n", job: gone.id, task: goneTasks[0].id)
            try farm.context.logs.append("log\n", job: kept.id, task: keptTasks[0].id)
            // The rows are deleted, then the process dies before the folder goes.
            try await farm.database.write { tx in try tx.jobs.delete(rowID: gone.rowID) }
            let stranger = farm.context.settings.storageRoot.appending(path: "job-xxxx/not-a-job")
            try FileManager.default.createDirectory(at: stranger, withIntermediateDirectories: true)

            let report = try await StartupRecovery(context: farm.context).run()
            #expect(report.orphanedFoldersRemoved == 1)
            #expect(!FileManager.default.fileExists(atPath: farm.jobFolder(gone.id).path))
            #expect(FileManager.default.fileExists(atPath: farm.jobFolder(kept.id).path))
            #expect(FileManager.default.fileExists(atPath: stranger.path))
        }
    }
}
