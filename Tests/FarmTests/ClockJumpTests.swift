import FarmModel
import Foundation
import Storage
import Testing

@testable import Farm

/// Worker and task timeouts decided on the Manager's monotonic clock: a wall clock set forward or back (by an
/// operator, or NTP after a suspend) neither times out healthy workers nor hides dead ones.
@Suite struct ClockJumpTests {
    /// Task timeout 600 s, worker timeout 60 s, start-up grace 60 s (the Manager's defaults).
    private func checker(_ farm: FarmFixture, task: Int = 600, worker: Int = 60, startedAt origin: Duration = .zero)
        -> TimeoutChecker
    {
        TimeoutChecker(
            context: farm.context, taskTimeout: .seconds(task), workerTimeout: .seconds(worker),
            startupGrace: .seconds(60), uptime: { [clock = farm.clock] in clock.uptime - origin })
    }

    /// What a working worker does every few seconds: ask for its status (seen) and whether it may keep running its
    /// task (touched).
    private func workerCallsIn(_ farm: FarmFixture, _ worker: AuthenticatedWorker, task: FarmTask) async throws {
        _ = try await WorkerLifecycle(context: farm.context).pendingStatusChange(worker)
        #expect(try await MayKeepRunningCheck(context: farm.context).answer(task.id, for: worker).mayKeepRunning)
    }

    @Test func forwardJumpTimesOutNeitherAHealthyWorkerNorItsTask() async throws {
        try await FarmFixture.with { farm in
            try await farm.seedJob(count: 2)
            let worker = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(worker)
            let checker = checker(farm)
            for _ in 0..<3 {
                farm.clock.advance(seconds: 20)
                try await workerCallsIn(farm, worker, task: task)
                #expect(try await checker.check() == TimeoutChecker.Report())
            }

            farm.clock.jump(seconds: 15 * 60)
            #expect(try await checker.check() == TimeoutChecker.Report())
            farm.clock.advance(seconds: 20)
            try await workerCallsIn(farm, worker, task: task)
            #expect(try await checker.check() == TimeoutChecker.Report())
            #expect(try await farm.worker(worker).state.status == .awake)
            #expect(try await farm.task(task.id).status == .active)

            // The checker still works after the jump: the worker falls silent and times out one timeout later.
            farm.clock.advance(seconds: 59)
            #expect(try await checker.check() == TimeoutChecker.Report())
            farm.clock.advance(seconds: 1)
            #expect(try await checker.check().timedOutWorkers == [worker.id])
        }
    }

    @Test func backwardJumpDoesNotHideADeadWorkerNorTimeOutALiveOne() async throws {
        try await FarmFixture.with { farm in
            try await farm.seedJob(count: 2)
            let dead = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(dead)
            let alive = try await farm.awakeWorker("render-02")
            let checker = checker(farm)
            #expect(try await checker.check() == TimeoutChecker.Report())

            // render-01 dies as the clock is set back 15 minutes; render-02 keeps calling in.
            farm.clock.jump(seconds: -15 * 60)
            for _ in 0..<2 {
                farm.clock.advance(seconds: 29)
                _ = try await WorkerLifecycle(context: farm.context).pendingStatusChange(alive)
                #expect(try await checker.check() == TimeoutChecker.Report())
            }
            farm.clock.advance(seconds: 2)
            #expect(try await checker.check().timedOutWorkers == [dead.id])
            #expect(try await farm.worker(dead).state.status == .error)
            #expect(try await farm.task(task.id).status == .queued)
            #expect(try await farm.worker(alive).state.status == .awake)
        }
    }

    @Test func backwardJumpDoesNotHideAnUntouchedTask() async throws {
        try await FarmFixture.with { farm in
            try await farm.seedJob(count: 20)
            let worker = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(worker)
            let checker = checker(farm, task: 600, worker: 0)
            #expect(try await checker.check() == TimeoutChecker.Report())

            farm.clock.jump(seconds: -15 * 60)
            farm.clock.advance(seconds: 599)
            #expect(try await checker.check() == TimeoutChecker.Report())
            farm.clock.advance(seconds: 1)
            #expect(try await checker.check().timedOutTasks == [task.id])
            let stored = try await farm.task(task.id)
            #expect(stored.status == .failed)
            // The log still shows the stored (wall-clock) time of the last touch.
            #expect(farm.log(of: stored).contains("last touched it at 2024-05-01T10:00:00Z"))
        }
    }

    @Test func afterARestartNothingTimesOutBeforeTheGracePeriod() async throws {
        try await FarmFixture.with { farm in
            try await farm.seedJob(count: 20)
            let worker = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(worker)
            // The Manager was down for a while, and the wall clock moved an hour ahead meanwhile.
            farm.clock.advance(seconds: 30)
            farm.clock.jump(seconds: 3600)
            let restarted = checker(farm, startedAt: farm.clock.uptime)

            #expect(try await restarted.check() == TimeoutChecker.Report())
            farm.clock.advance(seconds: 59)
            #expect(try await restarted.check() == TimeoutChecker.Report())
            // Neither called in within the grace period: both time out then, not a whole task timeout later.
            farm.clock.advance(seconds: 1)
            let report = try await restarted.check()
            #expect(report.timedOutWorkers == [worker.id])
            #expect(try await farm.task(task.id).status == .queued)
        }
    }

    @Test func afterARestartATaskSilentBeforeItTimesOutAtTheEndOfTheGracePeriod() async throws {
        try await FarmFixture.with { farm in
            try await farm.seedJob(count: 20)
            let worker = try await farm.awakeWorker("render-01")
            let task = try await farm.assign(worker)
            // The task was last touched 20 minutes before the Manager restarted; its worker keeps calling.
            farm.clock.advance(seconds: 1200)
            let restarted = checker(farm, task: 600, worker: 0, startedAt: farm.clock.uptime)
            #expect(try await restarted.check() == TimeoutChecker.Report())
            farm.clock.advance(seconds: 59)
            _ = try await WorkerLifecycle(context: farm.context).pendingStatusChange(worker)
            #expect(try await restarted.check() == TimeoutChecker.Report())
            farm.clock.advance(seconds: 1)
            #expect(try await restarted.check().timedOutTasks == [task.id])
        }
    }
}
