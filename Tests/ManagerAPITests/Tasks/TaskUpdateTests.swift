import Farm
import FarmModel
import Foundation
import HTTPTypes
import Storage
import Testing

/// `POST /api/v3/worker/task/{task_id}` (protocol.md §3.7; checklist items 21–23, §13 row 7).
@Suite struct TaskUpdateTests {
    /// An awake worker holding the first task of a fresh job.
    private func assigned(
        _ farm: TestFarm, _ api: API, tasks: [CompiledTask] = Seed.tasks(2)
    ) async throws -> (WorkerCredentials, SeededJob, String) {
        let job = try await farm.seedJob(tasks: tasks)
        let worker = try await api.awakeWorker()
        let task = try #require(try await api.takeTask(worker)["uuid"].stringValue)
        return (worker, job, task)
    }

    @Test(arguments: ["not-a-uuid", "1234", "0e5b5c6a-0000-4000-8000-00000000000", "0e5b5c6a-0000-4000-8000-0000000000000"])
    func taskUpdateAnswers400ForANonUUIDTaskID(_ id: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                try expectError(try await api.update(worker, id, #"{"activity": "x"}"#), .badRequest)
            }
        }
    }

    @Test func taskUpdateAnswers404ForAnUnknownTask() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                try expectError(try await api.update(worker, UUID().uuidString.lowercased(), "{}"), .notFound)
                // IDs are matched exactly: the upper-case spelling of a real task is not found.
                try expectError(try await api.update(worker, task.uppercased(), "{}"), .notFound)
            }
        }
    }

    @Test func taskUpdateAnswers409ForAnUnassignedTask() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, job, _) = try await assigned(farm, api)
                let unassigned = job.task(1)
                try expectError(try await api.update(worker, unassigned.id.rawValue, #"{"taskStatus": "completed"}"#), .conflict)
                let stored = try await farm.task(unassigned.id)
                #expect(stored.status == .queued)
                #expect(stored.workerRowID == nil)
            }
        }
    }

    @Test func taskUpdateAnswers409ForAnotherWorkersTask() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (owner, _, task) = try await assigned(farm, api)
                let intruder = try await api.awakeWorker(name: "intruder")
                let reply = try await api.update(intruder, task, #"{"taskStatus": "completed", "log": "mine", "activity": "x"}"#)
                try expectError(reply, .conflict)
                let stored = try await farm.task(task)
                #expect(stored.status == .active)
                #expect(stored.workerRowID == (try await farm.worker(owner)).rowID)
                #expect(stored.activity != "x")
                #expect(!farm.log(of: stored).contains("mine"))
            }
        }
    }

    @Test func taskUpdateRejectsSoftFailedWith400() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                try expectError(try await api.update(worker, task, #"{"taskStatus": "soft-failed"}"#), .badRequest)
                #expect(try await farm.task(task).status == .active)
            }
        }
    }

    @Test(arguments: [
        #"{"taskStatus": "done"}"#, #"{"taskStatus": ""}"#, #"{"steps_completed": -1}"#, #"{"steps_completed": "3"}"#,
        #"{"steps_completed": 1.5}"#, #"{"log": 12}"#, #"{"activity": ["a"]}"#, "[]", "{", "",
    ])
    func taskUpdateRejectsInvalidBodiesWith400(_ body: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                try expectError(try await api.update(worker, task, body), .badRequest)
                #expect(try await farm.task(task).status == .active)
            }
        }
    }

    @Test func taskUpdateAcceptsUnknownFieldsAndAnEmptyObject() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                expectEmpty(try await api.update(worker, task, "{}"), .noContent)
                expectEmpty(try await api.update(worker, task, #"{"taskStatus": "active", "colour": "red"}"#), .noContent)
                #expect(try await farm.task(task).status == .active)
            }
        }
    }

    @Test func taskUpdateStoresActivityAndTouchesTaskAndWorker() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                farm.clock.advance(seconds: 42)
                expectEmpty(try await api.update(worker, task, #"{"activity": "Rendering frame 3"}"#), .noContent)
                let stored = try await farm.task(task)
                #expect(stored.activity == "Rendering frame 3")
                #expect(stored.lastTouched == farm.clock.now)
                #expect(try await farm.worker(worker).lastSeen == farm.clock.now)
                // Omitted fields leave the stored value alone.
                expectEmpty(try await api.update(worker, task, #"{"log": "x"}"#), .noContent)
                #expect(try await farm.task(task).activity == "Rendering frame 3")
            }
        }
    }

    @Test func taskUpdateAppendsLogChunksVerbatimWithAFinalNewline() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                let before = farm.log(of: try await farm.task(task))
                let chunks = ["Fra:1 Mem:12.3M | Rendering 1 / 64 samples\nFra:1 …", "  indented\ttabs ünïcode\n", "\n", "last"]
                for chunk in chunks {
                    expectEmpty(
                        try await api.update(worker, task, JSONValue.object(["log": .string(chunk)]).jsonText()), .noContent)
                }
                expectEmpty(try await api.update(worker, task, #"{"log": ""}"#), .noContent)
                let after = farm.log(of: try await farm.task(task))
                #expect(after.hasPrefix(before))
                #expect(
                    String(after.dropFirst(before.count))
                        == "Fra:1 Mem:12.3M | Rendering 1 / 64 samples\nFra:1 …\n  indented\ttabs ünïcode\n\nlast\n")
            }
        }
    }

    @Test func taskUpdateClampsStepsAndRefreshesTheJobCounters() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, job, task) = try await assigned(
                    farm, api, tasks: [Seed.task("a", steps: 10), Seed.task("b", steps: 5)])
                #expect(job.job.stepsTotal == 15)
                expectEmpty(try await api.update(worker, task, #"{"steps_completed": 4}"#), .noContent)
                #expect(try await farm.task(task).stepsCompleted == 4)
                var stored = try await farm.job(job.id)
                #expect((stored.stepsCompleted, stored.stepsTotal) == (4, 15))

                expectEmpty(try await api.update(worker, task, #"{"steps_completed": 99}"#), .noContent)
                #expect(try await farm.task(task).stepsCompleted == 10)
                stored = try await farm.job(job.id)
                #expect((stored.stepsCompleted, stored.stepsTotal) == (10, 15))
            }
        }
    }

    @Test func completedFillsStepsAndTheLastCompletedTaskCompletesTheJob() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, job, first) = try await assigned(
                    farm, api, tasks: [Seed.task("a", steps: 4), Seed.task("b", steps: 2)])
                try await api.report(worker, first, "completed")
                #expect(try await farm.task(first).stepsCompleted == 4)
                var stored = try await farm.job(job.id)
                #expect(stored.status == .active)
                #expect(stored.stepsCompleted == 4)
                #expect(farm.log(of: try await farm.task(first)).contains("active -> completed"))

                let second = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                try await api.report(worker, second, "completed")
                stored = try await farm.job(job.id)
                #expect(stored.status == .completed)
                #expect((stored.stepsCompleted, stored.stepsTotal) == (6, 6))
                expectEmpty(try await api.requestTask(worker), .noContent)
            }
        }
    }

    /// §13 row 7: a buffered late update never revives a task that left `active`; its log is still kept.
    @Test func lateCompletedForARequeuedTaskIsIgnoredButItsLogIsStored() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, job, task) = try await assigned(farm, api)
                expectEmpty(try await api.stateChanged(worker, "asleep"), .noContent)
                #expect(try await farm.task(task).status == .queued)

                let reply = try await api.update(
                    worker, task, #"{"taskStatus": "completed", "log": "late line", "activity": "Finished"}"#)
                expectEmpty(reply, .noContent)
                let stored = try await farm.task(task)
                #expect(stored.status == .queued)
                #expect(stored.stepsCompleted == 0)
                #expect(farm.log(of: stored).hasSuffix("late line\n"))
                #expect(try await farm.job(job.id).status == .active)
            }
        }
    }

    @Test(arguments: ["completed", "failed", "active"])
    func lateStatusForACanceledTaskIsIgnored(_ status: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                let rowID = try await farm.task(task).rowID
                try await farm.database.write { tx in try tx.tasks.setStatus(rowID: rowID, to: .canceled) }
                expectEmpty(try await api.update(worker, task, #"{"taskStatus": "\#(status)", "log": "bye"}"#), .noContent)
                let stored = try await farm.task(task)
                #expect(stored.status == .canceled)
                #expect(farm.log(of: stored).hasSuffix("bye\n"))
                let failures = try await farm.database.read { tx in try tx.failures.failedWorkers(taskRowID: rowID) }
                #expect(failures.isEmpty)
            }
        }
    }
}
