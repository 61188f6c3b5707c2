import FarmModel
import Foundation
import HTTPTypes
import Testing

/// Reading jobs and tasks: `fetch_jobs`, `fetch_job`, `fetch_job_tasks`, `fetch_task` (protocol.md §10.2).
@Suite struct JobQueryRoutesTests {
    @Test func jobsAreListedInCreationOrder() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                var ids: [String] = []
                for name in ["zulu", "alpha", "mike"] {
                    ids.append(try #require(try await api.submitted(Submissions.echo(name: name))["id"].stringValue))
                    farm.clock.advance(seconds: 1)
                }
                let body = try expectJSON(try await api.get(API.jobs), .ok)
                #expect(try schemaProblems(body, "JobsQueryResult") == [])
                #expect(body.ids("jobs") == ids)
                #expect(body["jobs"].arrayValue?.map { $0["name"].stringValue } == ["zulu", "alpha", "mike"])
            }
        }
    }

    @Test func jobListIsEmptyWithoutJobs() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let body = try expectJSON(try await api.get(API.jobs), .ok)
                #expect(body == .object(["jobs": .array([])]))
            }
        }
    }

    @Test func fetchJobAnswersTheJobAnd400ForABadUUIDAnd404ForAnUnknownOne() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let submitted = try await api.submitted(Submissions.echo())
                let id = try #require(submitted["id"].stringValue)
                let fetched = try await api.job(id)
                #expect(fetched == submitted)
                try expectError(try await api.get("\(API.jobs)/not-a-uuid"), .badRequest)
                try expectError(try await api.get("\(API.jobs)/\(UUID().uuidString.lowercased())"), .notFound)
            }
        }
    }

    @Test func jobTasksListsEveryTaskOfTheJob() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(3))
                try await farm.seedJob(name: "other", tasks: Seed.tasks(2))
                let body = try expectJSON(try await api.get("\(API.jobs)/\(job.id.rawValue)/tasks"), .ok)
                #expect(try schemaProblems(body, "JobTasksSummary") == [])
                let tasks = try #require(body["tasks"].arrayValue)
                #expect(Set(tasks.compactMap { $0["id"].stringValue }) == Set(job.tasks.map(\.id.rawValue)))
                let first = try #require(tasks.first { $0["index_in_job"] == .int(1) })
                #expect(first["name"] == .string("task-0"))
                #expect(first["status"] == .string("queued"))
                #expect(first["task_type"] == .string("misc"))
                #expect(first["worker"] == .object(["id": .string(""), "name": .string(""), "address": .string("")]))
            }
        }
    }

    @Test func jobTasksOfAnUnknownJobIsAnEmptyListAndABadUUIDIs400() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let body = try expectJSON(try await api.get("\(API.jobs)/\(UUID().uuidString.lowercased())/tasks"), .ok)
                #expect(body == .object(["tasks": .array([])]))
                try expectError(try await api.get("\(API.jobs)/xyz/tasks"), .badRequest)
            }
        }
    }

    @Test func fetchTaskOfANeverAssignedTaskSendsAnEmptyWorkerAndNoFailures() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let task = try await api.task(job.task(0).id.rawValue)
                #expect(try schemaProblems(task, "Task") == [])
                #expect(task["worker"] == .object(["id": .string(""), "name": .string(""), "address": .string("")]))
                #expect(task["failed_by_workers"] == .array([]))
                #expect(task["job_id"] == .string(job.id.rawValue))
                #expect(task["index_in_job"] == .int(1))
                #expect(task["commands"].arrayValue?.first?["name"] == .string("echo"))
            }
        }
    }

    @Test func fetchTaskShowsItsWorkerAndTheWorkersThatFailedIt() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let failing = try await api.awakeWorker(name: "failing")
                _ = try await api.awakeWorker(name: "spare")
                let taskID = job.task(0).id.rawValue
                _ = try await api.takeTask(failing)
                try await api.report(failing, taskID, "failed")
                let task = try await api.task(taskID)
                #expect(task["status"] == .string("soft-failed"))
                #expect(task["worker"]["id"] == .string(failing.id))
                #expect(task["worker"]["name"] == .string("failing"))
                #expect(task["worker"]["address"].stringValue != nil)
                #expect(task["failed_by_workers"].arrayValue?.map { $0["id"] } == [.string(failing.id)])
                #expect(task["failed_by_workers"].arrayValue?.map { $0["name"] } == [.string("failing")])
            }
        }
    }

    @Test func taskOfADeletedWorkerNamesOnlyTheWorkersID() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let worker = try await api.awakeWorker(name: "gone")
                let taskID = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                expectEmpty(try await api.send(.delete, "\(API.workers)/\(worker.id)"), .noContent)
                let expected = JSONValue.object(["id": .string(worker.id), "name": .string(""), "address": .string("")])
                #expect(try await api.task(taskID)["worker"] == expected)
                let summary = try expectJSON(try await api.get("\(API.jobs)/\(job.id.rawValue)/tasks"), .ok)
                #expect(summary["tasks"].arrayValue?.first?["worker"] == expected)
            }
        }
    }

    @Test func fetchTaskAnswers400ForABadUUIDAnd404ForAnUnknownOne() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                try expectError(try await api.get("\(API.tasks)/1234"), .badRequest)
                try expectError(try await api.get("\(API.tasks)/\(UUID().uuidString.lowercased())"), .notFound)
            }
        }
    }
}
