import FarmModel
import Foundation
import HTTPTypes
import Testing

/// `fetch_workers`, `fetch_worker`, `request_worker_status_change`, `delete_worker`, `set_worker_tags`
/// (protocol.md §10.3, §5.2; checklist item 40; §13 row 12).
@Suite struct WorkerManagementRoutesTests {
    @Test func workerListShowsNonDeletedWorkersWithTheirSummary() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let charlie = try await api.awakeWorker(name: "charlie")
                let alpha = try await api.register(name: "alpha")
                let gone = try await api.awakeWorker(name: "bravo")
                expectEmpty(try await api.send(.delete, "\(API.workers)/\(gone.id)"), .noContent)

                let body = try expectJSON(try await api.get(API.workers), .ok)
                #expect(try schemaProblems(body, "WorkerList") == [])
                let workers = try #require(body["workers"].arrayValue)
                #expect(Set(workers.compactMap { $0["id"].stringValue }) == [charlie.id, alpha.id])
                let summary = try #require(workers.first { $0["id"] == .string(charlie.id) })
                #expect(summary["name"] == .string("charlie"))
                #expect(summary["status"] == .string("awake"))
                #expect(summary["version"] == .string("3.9-beta1 (tests)"))
                #expect(summary["can_restart"] == .bool(false))
                #expect(summary["last_seen"].stringValue != nil)
                #expect(summary["status_change"] == .null)
                let registered = try #require(workers.first { $0["id"] == .string(alpha.id) })
                #expect(registered["status"] == .string("offline"))
            }
        }
    }

    @Test func fetchWorkerShowsTagsAndItsTask() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(2))
                let worker = try await api.awakeWorker(name: "render-01", taskTypes: ["misc"])
                var body = try await api.managedWorker(worker.id)
                #expect(try schemaProblems(body, "Worker") == [])
                #expect(body["tags"] == .null)
                #expect(body["task"] == .null)
                #expect(body["platform"] == .string("linux"))
                #expect(body["supported_task_types"] == .array([.string("misc")]))
                #expect(body["ip_address"].stringValue != nil)

                let tag = try await api.createTag("gpu", description: "big cards")
                expectEmpty(try await api.setTags(worker.id, [tag]), .noContent)
                let running = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                body = try await api.managedWorker(worker.id)
                #expect(try schemaProblems(body, "Worker") == [])
                #expect(
                    body["tags"]
                        == .array([
                            .object(["id": .string(tag), "name": .string("gpu"), "description": .string("big cards")])
                        ]))
                #expect(body["task"]["id"] == .string(running))
                #expect(body["task"]["job_id"] == .string(job.id.rawValue))
                #expect(body["task"]["status"] == .string("active"))

                // After completion the most recently updated task is still shown.
                try await api.report(worker, running, "completed")
                #expect(try await api.managedWorker(worker.id)["task"]["status"] == .string("completed"))
            }
        }
    }

    @Test func fetchWorkerAnswers404ForDeletedOrUnknownAnd400ForABadUUID() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register()
                expectEmpty(try await api.send(.delete, "\(API.workers)/\(worker.id)"), .noContent)
                try expectError(try await api.get("\(API.workers)/\(worker.id)"), .notFound)
                try expectError(try await api.get("\(API.workers)/\(UUID().uuidString.lowercased())"), .notFound)
                try expectError(try await api.get("\(API.workers)/not-a-uuid"), .badRequest)
                try expectError(try await api.send(.delete, "\(API.workers)/\(worker.id)"), .notFound)
                try expectError(try await api.send(.delete, "\(API.workers)/not-a-uuid"), .badRequest)
            }
        }
    }

    // MARK: Status requests

    @Test(arguments: [true, false])
    func statusRequestIsStoredAsStatusChangeAndDeliveredWithoutBeingCleared(_ lazy: Bool) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                expectEmpty(try await api.requestStatus(worker.id, "asleep", lazy: lazy), .noContent)
                let expected = JSONValue.object(["status": .string("asleep"), "is_lazy": .bool(lazy)])
                #expect(try await api.managedWorker(worker.id)["status_change"] == expected)
                let listed = try expectJSON(try await api.get(API.workers), .ok)["workers"].arrayValue?.first
                #expect(listed?["status_change"] == expected)
                #expect(
                    try expectJSON(try await api.state(worker), .ok) == .object(["status_requested": .string("asleep")])
                )
                #expect(try await api.managedWorker(worker.id)["status_change"] == expected)
                #expect(try await api.managedWorker(worker.id)["status"] == .string("awake"))
            }
        }
    }

    @Test func requestingTheCurrentStatusClearsThePendingRequest() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                expectEmpty(try await api.requestStatus(worker.id, "offline", lazy: true), .noContent)
                expectEmpty(try await api.requestStatus(worker.id, "awake", lazy: false), .noContent)
                #expect(try await api.managedWorker(worker.id)["status_change"] == .null)
                expectEmpty(try await api.state(worker), .noContent)
            }
        }
    }

    @Test func restartRequestNeedsAWorkerThatCanRestart() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let stubborn = try await api.awakeWorker(name: "stubborn")
                try expectError(try await api.requestStatus(stubborn.id, "restart", lazy: false), .preconditionFailed)
                #expect(try await api.managedWorker(stubborn.id)["status_change"] == .null)

                let flexible = try await api.register(name: "flexible")
                try #require(try await api.signOn(flexible, name: "flexible", canRestart: true).status == .ok)
                expectEmpty(try await api.requestStatus(flexible.id, "restart", lazy: true), .noContent)
                #expect(
                    try await api.managedWorker(flexible.id)["status_change"]
                        == .object(["status": .string("restart"), "is_lazy": .bool(true)]))
            }
        }
    }

    @Test func statusRequestAnswers404And400() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register()
                try expectError(
                    try await api.requestStatus(UUID().uuidString.lowercased(), "asleep", lazy: false), .notFound)
                try expectError(try await api.requestStatus("nope", "asleep", lazy: false), .badRequest)
                try expectError(try await api.requestStatus(worker.id, "sleepy", lazy: false), .badRequest)
                try expectError(
                    try await api.post("\(API.workers)/\(worker.id)/setstatus", .object(["status": .string("asleep")])),
                    .badRequest)
            }
        }
    }

    // MARK: Deletion

    @Test func deletingAWorkerRequeuesItsTaskAndLocksItOut() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let doomed = try await api.awakeWorker(name: "doomed")
                let other = try await api.awakeWorker(name: "other")
                let running = try #require(try await api.takeTask(doomed)["uuid"].stringValue)

                expectEmpty(try await api.send(.delete, "\(API.workers)/\(doomed.id)"), .noContent)
                let task = try await api.task(running)
                #expect(task["status"] == .string("queued"))
                #expect(task["activity"].stringValue?.contains("deleted") == true)
                #expect(task["worker"]["id"] == .string(doomed.id))
                #expect(try await api.jobStatus(job.id.rawValue) == "active")

                try expectError(try await api.requestTask(doomed), .forbidden)
                try expectError(try await api.mayIRun(doomed, running), .forbidden)
                try expectError(try await api.signOn(doomed), .forbidden)
                #expect(try await api.takeTask(other)["uuid"] == .string(running))
            }
        }
    }

    // MARK: Tags of a worker

    @Test func setTagsReplacesMembershipsAndIgnoresUnknownTags() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register()
                let gpu = try await api.createTag("gpu")
                let cpu = try await api.createTag("cpu")
                expectEmpty(try await api.setTags(worker.id, [gpu, UUID().uuidString.lowercased()]), .noContent)
                #expect(try await api.managedWorker(worker.id).ids("tags") == [gpu])
                expectEmpty(try await api.setTags(worker.id, [cpu]), .noContent)
                #expect(try await api.managedWorker(worker.id).ids("tags") == [cpu])
                expectEmpty(try await api.setTags(worker.id, []), .noContent)
                #expect(try await api.managedWorker(worker.id)["tags"] == .null)

                try expectError(try await api.setTags(UUID().uuidString.lowercased(), [gpu]), .notFound)
                try expectError(try await api.setTags("nope", [gpu]), .badRequest)
                try expectError(try await api.setTags(worker.id, ["not-a-uuid"]), .badRequest)
            }
        }
    }
}
