import Farm
import FarmModel
import Foundation
import HTTPTypes
import Storage
import Testing

/// `GET /api/v3/worker/task/{task_id}/may-i-run` (protocol.md §3.8; checklist items 28–29).
@Suite struct MayIRunTests {
    private func assigned(_ farm: TestFarm, _ api: API) async throws -> (WorkerCredentials, SeededJob, String) {
        let job = try await farm.seedJob(tasks: Seed.tasks(2))
        let worker = try await api.awakeWorker()
        let task = try #require(try await api.takeTask(worker)["uuid"].stringValue)
        return (worker, job, task)
    }

    private func answer(_ reply: Reply) throws -> (Bool?, String?, Bool?) {
        let body = try expectJSON(reply, .ok)
        #expect(WireTestSupport.keys(body) == ["mayKeepRunning", "reason", "statusChangeRequested"])
        #expect(try schemaProblems(body, "MayKeepRunning") == [])
        guard case .bool(let may) = body["mayKeepRunning"], case .bool(let requested) = body["statusChangeRequested"]
        else { return (nil, body["reason"].stringValue, nil) }
        return (may, body["reason"].stringValue, requested)
    }

    @Test(arguments: ["nope", "0e5b5c6a-0000-4000-8000-00000000000g", "0e5b5c6a000040008000000000000000"])
    func mayIRunAnswers400ForANonUUIDTaskID(_ id: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                try expectError(try await api.mayIRun(worker, id), .badRequest)
            }
        }
    }

    @Test func mayIRunIsTrueForTheAssigneeAndRefreshesLastTouched() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                farm.clock.advance(seconds: 90)
                let (may, reason, requested) = try answer(try await api.mayIRun(worker, task))
                #expect(may == true)
                #expect(reason == "")
                #expect(requested == false)
                #expect(try await farm.task(task).lastTouched == farm.clock.now)
                #expect(try await farm.worker(worker).lastSeen == farm.clock.now)
            }
        }
    }

    @Test func mayIRunIsFalseForAnUnknownTask() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                try await farm.setState(of: worker, WorkerStatusState(status: .awake, request: .init(.asleep, isLazy: false)))
                let (may, reason, requested) = try answer(try await api.mayIRun(worker, UUID().uuidString.lowercased()))
                #expect(may == false)
                #expect(reason == "Task not found")
                #expect(requested == false)
            }
        }
    }

    @Test func mayIRunIsFalseForAnotherWorkersTaskWithoutTouchingIt() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (_, _, task) = try await assigned(farm, api)
                let other = try await api.awakeWorker(name: "other")
                let touched = try await farm.task(task).lastTouched
                farm.clock.advance(seconds: 5)
                let (may, reason, requested) = try answer(try await api.mayIRun(other, task))
                #expect(may == false)
                #expect(reason == "task not assigned to this worker")
                #expect(requested == false)
                #expect(try await farm.task(task).lastTouched == touched)
            }
        }
    }

    @Test(arguments: [TaskStatus.completed, .queued, .failed, .paused, .canceled, .softFailed])
    func mayIRunIsFalseForATaskThatIsNotActive(_ status: TaskStatus) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                let rowID = try await farm.task(task).rowID
                try await farm.database.write { tx in try tx.tasks.setStatus(rowID: rowID, to: status) }
                let (may, reason, requested) = try answer(try await api.mayIRun(worker, task))
                #expect(may == false)
                #expect(reason == "task is in non-runnable status \"\(status.rawValue)\"")
                #expect(requested == false)
            }
        }
    }

    @Test(arguments: [WorkerStatus.asleep, .offline, .restart])
    func mayIRunSignalsANonLazyStatusChangeRequest(_ requestedStatus: WorkerStatus) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                let pending = WorkerStatusState(status: .awake, request: .init(requestedStatus, isLazy: false))
                try await farm.setState(of: worker, pending)
                let (may, _, requested) = try answer(try await api.mayIRun(worker, task))
                #expect(may == false)
                #expect(requested == true)
                // The request stays pending; the next task request delivers it.
                #expect(try await farm.worker(worker).state == pending)
                let reply = try await api.requestTask(worker)
                #expect(reply.status.code == 423)
            }
        }
    }

    @Test func lazyRequestLetsTheTaskFinishAndTheNextTaskRequestGets423() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, job, task) = try await assigned(farm, api)
                try await farm.setState(of: worker, WorkerStatusState(status: .awake, request: .init(.asleep, isLazy: true)))
                let (may, reason, requested) = try answer(try await api.mayIRun(worker, task))
                #expect(may == true)
                #expect(reason == "")
                #expect(requested == false)
                try await api.report(worker, task, "completed")
                let reply = try await api.requestTask(worker)
                #expect(reply.status.code == 423)
                #expect(try expectJSON(reply, reply.status) == .object(["status_requested": .string("asleep")]))
                #expect(try await farm.task(job.task(1).id).status == .queued)
            }
        }
    }
}
