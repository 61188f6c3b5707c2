import FarmModel
import Foundation
import Storage
import Testing

@testable import Farm

/// The task and worker timeouts of protocol.md §9 (checklist item 35; §13 rows 22, 23, 27), with an injected clock.
@Suite struct TimeoutCheckerTests {
    private func checker(_ farm: FarmFixture, task: Int, worker: Int) -> TimeoutChecker {
        TimeoutChecker(
            context: farm.context, taskTimeout: .seconds(task), workerTimeout: .seconds(worker),
            uptime: { [clock = farm.clock] in clock.uptime })
    }

    @Test func taskTimeoutFailsAnUntouchedActiveTaskStoresItsActivityAndLogsIt() async throws {
        try await FarmFixture.with { farm in
            let (job, _) = try await farm.seedJob(count: 20)
            let worker = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(worker)
            farm.clock.advance(seconds: 600)

            let report = try await checker(farm, task: 600, worker: 0).check()
            #expect(report.timedOutTasks == [task.id])
            #expect(report.timedOutWorkers == [])
            let stored = try await farm.task(task.id)
            #expect(stored.status == .failed)
            #expect(stored.activity == "Task timed out: no news from worker render-01")
            #expect(stored.workerRowID == worker.rowID)
            let log = farm.log(of: stored)
            #expect(
                log.contains("Task timed out: worker render-01 (\(worker.id)) last touched it at 2024-05-01T10:00:00Z"))
            #expect(log.contains("active -> failed"))
            // No failure list, no soft failure: the timeout fails the task directly.
            #expect(try await farm.database.read { tx in try tx.failures.failedWorkers(taskRowID: task.rowID) }.isEmpty)
            // 1 of 20 failed is below 10 %: the job goes on; the worker is untouched.
            #expect(try await farm.job(job.id)?.status == .active)
            #expect(try await farm.worker(worker).state == WorkerStatusState(status: .awake))
        }
    }

    @Test func taskTimeoutOfTheOnlyTaskFailsTheJob() async throws {
        try await FarmFixture.with { farm in
            let (job, _) = try await farm.seedJob(count: 1)
            let worker = try await farm.awakeWorker("render-01")
            _ = try await farm.assign(worker)
            farm.clock.advance(seconds: 900)
            #expect(try await checker(farm, task: 600, worker: 0).check().timedOutTasks.count == 1)
            #expect(try await farm.job(job.id)?.status == .failed)
        }
    }

    @Test func taskTouchedWithinTheTimeoutIsKept() async throws {
        try await FarmFixture.with { farm in
            try await farm.seedJob(count: 2)
            let worker = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(worker)
            let checker = checker(farm, task: 600, worker: 0)

            farm.clock.advance(seconds: 599)
            #expect(try await checker.check() == TimeoutChecker.Report())
            // A `true` may-i-run answer touches the task.
            #expect(try await MayKeepRunningCheck(context: farm.context).answer(task.id, for: worker).mayKeepRunning)
            farm.clock.advance(seconds: 599)
            #expect(try await checker.check().timedOutTasks == [])
            #expect(try await farm.task(task.id).status == .active)
            farm.clock.advance(seconds: 1)
            #expect(try await checker.check().timedOutTasks == [task.id])
        }
    }

    @Test func workerTimeoutPutsTheWorkerInErrorClearsItsRequestAndRequeuesItsTask() async throws {
        try await FarmFixture.with { farm in
            try await farm.seedJob(count: 2)
            let worker = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(worker)
            try await farm.setState(
                of: worker, WorkerStatusState(status: .awake, request: .init(.asleep, isLazy: true)))
            farm.clock.advance(seconds: 60)

            let report = try await checker(farm, task: 600, worker: 60).check()
            #expect(report.timedOutWorkers == [worker.id])
            #expect(report.timedOutTasks == [])
            #expect(try await farm.worker(worker).state == WorkerStatusState(status: .error, request: nil))
            let stored = try await farm.task(task.id)
            #expect(stored.status == .queued)
            #expect(stored.activity.contains("worker timed out"))
            #expect(stored.workerRowID == worker.rowID)
            #expect(farm.log(of: stored).contains("worker timed out"))
            // Already in error: not selected again.
            farm.clock.advance(seconds: 600)
            #expect(try await checker(farm, task: 600, worker: 60).check() == TimeoutChecker.Report())
        }
    }

    @Test func workerTimeoutPausesTheTaskOfAPausingJob() async throws {
        try await FarmFixture.with { farm in
            let (job, _) = try await farm.seedJob(count: 2)
            let worker = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(worker)
            try await JobChanges(context: farm.context).setJobStatus(job.id, to: .pauseRequested, reason: "tests")
            farm.clock.advance(seconds: 60)
            _ = try await checker(farm, task: 0, worker: 60).check()
            #expect(try await farm.task(task.id).status == .paused)
            #expect(try await farm.job(job.id)?.status == .paused)
        }
    }

    @Test func workerTimeoutSkipsOfflineErrorDeletedAndNeverSeenWorkers() async throws {
        try await FarmFixture.with { farm in
            _ = try await farm.registeredWorker("never-seen")
            let offline = try await farm.awakeWorker("offline")
            try await WorkerLifecycle(context: farm.context).signOff(offline)
            let broken = try await farm.awakeWorker("broken")
            try await farm.setState(of: broken, WorkerStatusState(status: .error))
            let deleted = try await farm.awakeWorker("deleted")
            try await WorkerManagement(context: farm.context)
            .delete(deleted.id)
            let asleep = try await farm.awakeWorker("asleep")
            try await WorkerLifecycle(context: farm.context).statusChanged(asleep, to: .asleep)
            farm.clock.advance(seconds: 3600)

            #expect(try await checker(farm, task: 600, worker: 60).check().timedOutWorkers == [asleep.id])
            #expect(try await farm.worker(offline).state.status == .offline)
        }
    }

    @Test func zeroTaskTimeoutDisablesOnlyTheTaskCheck() async throws {
        try await FarmFixture.with { farm in
            try await farm.seedJob(count: 2)
            let worker = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(worker)
            let checker = checker(farm, task: 0, worker: 60)

            // The worker keeps polling its state (which does not touch the task) for a long time.
            for _ in 0..<30 {
                farm.clock.advance(seconds: 30)
                _ = try await WorkerLifecycle(context: farm.context).pendingStatusChange(worker)
                #expect(try await checker.check() == TimeoutChecker.Report())
            }
            #expect(try await farm.task(task.id).status == .active)
            farm.clock.advance(seconds: 60)
            #expect(try await checker.check().timedOutWorkers == [worker.id])
        }
    }

    @Test func zeroWorkerTimeoutDisablesOnlyTheWorkerCheck() async throws {
        try await FarmFixture.with { farm in
            try await farm.seedJob(count: 20)
            let worker = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(worker)
            farm.clock.advance(seconds: 3600)
            let report = try await checker(farm, task: 600, worker: 0).check()
            #expect(report.timedOutWorkers == [])
            #expect(report.timedOutTasks == [task.id])
            #expect(try await farm.worker(worker).state.status == .awake)
        }
    }

    @Test func zeroTimeoutsDisableBothChecks() async throws {
        try await FarmFixture.with { farm in
            try await farm.seedJob(count: 2)
            let worker = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(worker)
            farm.clock.advance(seconds: 86_400)
            #expect(try await checker(farm, task: 0, worker: 0).check() == TimeoutChecker.Report())
            #expect(try await farm.task(task.id).status == .active)
            #expect(try await farm.worker(worker).state.status == .awake)
        }
    }

    @Test func workerInErrorIsRefusedTasksUntilAStatusIsRequested() async throws {
        try await FarmFixture.with { farm in
            try await farm.seedJob(count: 2)
            let worker = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(worker)
            farm.clock.advance(seconds: 60)
            _ = try await checker(farm, task: 600, worker: 60).check()

            let scheduler = TaskScheduler(context: farm.context)
            for _ in 0..<2 {
                guard case .notAwake = try await scheduler.scheduleTask(for: worker) else {
                    Issue.record("a worker in error must get 409")
                    return
                }
            }
            let answer = try await MayKeepRunningCheck(context: farm.context).answer(task.id, for: worker)
            #expect(!answer.mayKeepRunning)

            try await WorkerManagement(context: farm.context)
            .requestStatus(worker.id, .awake, isLazy: false)
            guard case .statusChangeRequested(.awake) = try await scheduler.scheduleTask(for: worker) else {
                Issue.record("a pending request must be delivered as 423")
                return
            }
        }
    }
}
