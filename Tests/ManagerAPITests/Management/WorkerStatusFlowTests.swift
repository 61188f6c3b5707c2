import Farm
import FarmModel
import Foundation
import HTTPTypes
import ManagerAPI
import Testing

/// The queued-state-change flows of protocol.md §5.4, driven through the management and worker APIs.
@Suite struct WorkerStatusFlowTests {
    @Test func immediateSleepRequestAbortsTheRunningTaskAndReturnsItToTheQueue() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(2))
                let worker = try await api.awakeWorker(name: "sleeper")
                let running = try #require(try await api.takeTask(worker)["uuid"].stringValue)

                expectEmpty(try await api.requestStatus(worker.id, "asleep", lazy: false), .noContent)
                let (may, _, requested) = try await api.mayRun(worker, running)
                #expect(may == false)
                #expect(requested == true)
                let locked = try expectJSON(try await api.requestTask(worker), HTTPResponse.Status(code: 423))
                #expect(locked == .object(["status_requested": .string("asleep")]))
                #expect(try await api.taskStatus(running) == "active")

                expectEmpty(try await api.stateChanged(worker, "asleep"), .noContent)
                let body = try await api.managedWorker(worker.id)
                #expect(body["status"] == .string("asleep"))
                #expect(body["status_change"] == .null)
                let task = try await api.task(running)
                #expect(task["status"] == .string("queued"))
                #expect(task["activity"].stringValue?.contains("asleep") == true)
                #expect(try await farm.job(job.id).status == .active)
                // Asleep: nothing pending, so the worker is told it is not awake.
                try expectError(try await api.requestTask(worker), .conflict)

                let other = try await api.awakeWorker(name: "other")
                #expect(try await api.takeTask(other)["uuid"] == .string(running))
            }
        }
    }

    @Test func immediateSleepRequestForAnIdleWorkerIsDeliveredOnItsNextTaskRequest() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                try await farm.seedJob(tasks: Seed.tasks(1))
                let worker = try await api.awakeWorker()
                expectEmpty(try await api.requestStatus(worker.id, "asleep", lazy: false), .noContent)
                let locked = try expectJSON(try await api.requestTask(worker), HTTPResponse.Status(code: 423))
                #expect(locked["status_requested"] == .string("asleep"))
                expectEmpty(try await api.stateChanged(worker, "asleep"), .noContent)
                #expect(try await api.managedWorker(worker.id)["status_change"] == .null)
                // Waking it up again hands out the queued task.
                expectEmpty(try await api.requestStatus(worker.id, "awake", lazy: false), .noContent)
                #expect(try expectJSON(try await api.state(worker), .ok)["status_requested"] == .string("awake"))
                expectEmpty(try await api.stateChanged(worker, "awake"), .noContent)
                _ = try await api.takeTask(worker)
            }
        }
    }

    @Test func lazySleepRequestLetsTheTaskFinishThenLocksTheNextTaskRequest() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(2))
                let worker = try await api.awakeWorker()
                let running = try #require(try await api.takeTask(worker)["uuid"].stringValue)

                expectEmpty(try await api.requestStatus(worker.id, "asleep", lazy: true), .noContent)
                let (may, _, requested) = try await api.mayRun(worker, running)
                #expect(may == true)
                #expect(requested == false)
                try await api.report(worker, running, "completed")
                #expect(try await api.taskStatus(running) == "completed")

                let locked = try expectJSON(try await api.requestTask(worker), HTTPResponse.Status(code: 423))
                #expect(locked == .object(["status_requested": .string("asleep")]))
                #expect(try await farm.task(job.task(1).id).status == .queued)
                expectEmpty(try await api.stateChanged(worker, "asleep"), .noContent)
                #expect(try await api.managedWorker(worker.id)["status_change"] == .null)
            }
        }
    }

    @Test func offlineRequestEndsWithSignOffThatRemembersAwakeForTheNextSignOn() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                expectEmpty(try await api.requestStatus(worker.id, "offline", lazy: false), .noContent)
                let locked = try expectJSON(try await api.requestTask(worker), HTTPResponse.Status(code: 423))
                #expect(locked == .object(["status_requested": .string("offline")]))

                expectEmpty(try await api.signOff(worker), .noContent)
                let body = try await api.managedWorker(worker.id)
                #expect(body["status"] == .string("offline"))
                #expect(body["status_change"] == .object(["status": .string("awake"), "is_lazy": .bool(false)]))

                let signOn = try expectJSON(try await api.signOn(worker), .ok)
                #expect(signOn == .object(["status_requested": .string("awake")]))
                expectEmpty(try await api.stateChanged(worker, "awake"), .noContent)
                #expect(try await api.managedWorker(worker.id)["status_change"] == .null)
            }
        }
    }

    @Test func offlineRequestWhileRunningReturnsTheTaskOnSignOff() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                try await farm.seedJob(tasks: Seed.tasks(1))
                let worker = try await api.awakeWorker()
                let running = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                expectEmpty(try await api.requestStatus(worker.id, "offline", lazy: false), .noContent)
                #expect(try await api.mayRun(worker, running).2 == true)
                expectEmpty(try await api.signOff(worker), .noContent)
                #expect(try await api.taskStatus(running) == "queued")
            }
        }
    }

    @Test func timedOutWorkerGets409UntilAnAdministratorRequestsAStatus() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                try await farm.seedJob(tasks: Seed.tasks(1))
                let worker = try await api.awakeWorker()
                let running = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                farm.clock.advance(seconds: 61)
                // The manual clock never jumps here, so it also serves as the checker's monotonic clock.
                let checker = TimeoutChecker(
                    context: farm.services.context, taskTimeout: .seconds(600), workerTimeout: .seconds(60),
                    uptime: { [clock = farm.clock] in .seconds(clock.now.timeIntervalSince(ManualClock.start)) })
                #expect(try await checker.check().timedOutWorkers == [WorkerID(unchecked: worker.id)])

                #expect(try await api.managedWorker(worker.id)["status"] == .string("error"))
                #expect(try await api.taskStatus(running) == "queued")
                #expect(try await api.mayRun(worker, running).0 == false)
                try expectError(try await api.requestTask(worker), .conflict)
                try expectError(try await api.requestTask(worker), .conflict)

                expectEmpty(try await api.requestStatus(worker.id, "awake", lazy: false), .noContent)
                #expect(
                    try expectJSON(try await api.requestTask(worker), HTTPResponse.Status(code: 423))[
                        "status_requested"]
                        == .string("awake"))
                expectEmpty(try await api.stateChanged(worker, "awake"), .noContent)
                #expect(try await api.takeTask(worker)["uuid"] == .string(running))
            }
        }
    }
}
