import Farm
import FarmModel
import Foundation
import HTTPTypes
import Testing

/// `what-would-delete-do`, `delete_job` and mass deletion (protocol.md §10.2; checklist item 40; §13 row 26).
@Suite struct JobDeletionRoutesTests {
    @Test func whatWouldDeleteDoReportsTheShamanCheckout() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let plain = try #require(try await api.submitted(Submissions.echo())["id"].stringValue)
                let shaman = try #require(
                    try await api.submitted(
                        Submissions.echo(extra: ["storage": .object(["shaman_checkout_id": .string("shot/0001")])])
                    )["id"].stringValue)
                let plainInfo = try expectJSON(try await api.get("\(API.jobs)/\(plain)/what-would-delete-do"), .ok)
                #expect(plainInfo == .object(["shaman_checkout": .bool(false)]))
                #expect(try schemaProblems(plainInfo, "JobDeletionInfo") == [])
                #expect(
                    try expectJSON(try await api.get("\(API.jobs)/\(shaman)/what-would-delete-do"), .ok)
                        == .object(["shaman_checkout": .bool(true)]))
                try expectError(try await api.get("\(API.jobs)/bad/what-would-delete-do"), .badRequest)
                try expectError(
                    try await api.get("\(API.jobs)/\(UUID().uuidString.lowercased())/what-would-delete-do"), .notFound)
            }
        }
    }

    @Test func deletingAJobRemovesItsRowsAndFilesAndTheWorkerLearnsTaskNotFound() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(2))
                let keep = try await farm.seedJob(name: "keep", tasks: Seed.tasks(1))
                let worker = try await api.awakeWorker()
                let running = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                expectEmpty(try await api.update(worker, running, #"{"log": "rendering"}"#), .noContent)
                #expect(FileManager.default.fileExists(atPath: farm.folder(of: job.id).path))

                expectEmpty(try await api.send(.delete, "\(API.jobs)/\(job.id.rawValue)"), .noContent)

                try expectError(try await api.get("\(API.jobs)/\(job.id.rawValue)"), .notFound)
                #expect(try expectJSON(try await api.get(API.jobs), .ok).ids("jobs") == [keep.id.rawValue])
                try expectError(try await api.get("\(API.tasks)/\(running)"), .notFound)
                #expect(try farm.rowCount("tasks") == 1)
                #expect(!FileManager.default.fileExists(atPath: farm.folder(of: job.id).path))
                let (may, reason, _) = try await api.mayRun(worker, running)
                #expect(may == false)
                #expect(reason == "Task not found")
                try expectError(try await api.update(worker, running, #"{"taskStatus": "completed"}"#), .notFound)
                // The worker is free for other work at once.
                #expect(try await api.takeTask(worker)["uuid"] == .string(keep.task(0).id.rawValue))

                try expectError(try await api.send(.delete, "\(API.jobs)/\(job.id.rawValue)"), .notFound)
                try expectError(try await api.send(.delete, "\(API.jobs)/not-a-uuid"), .badRequest)
            }
        }
    }

    @Test func massDeleteRemovesJobsUpdatedAtOrBeforeTheRoundedUpTime() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let early = try await farm.seedJob(name: "early", tasks: Seed.tasks(1))
                farm.clock.advance(seconds: 10)
                let middle = try await farm.seedJob(name: "middle", tasks: Seed.tasks(1))
                farm.clock.advance(seconds: 10)
                let late = try await farm.seedJob(name: "late", tasks: Seed.tasks(1))
                try farm.writeLog("log\n", of: early.task(0))

                // 10:00:10.2 rounds up to 10:00:11: `middle` (updated 10:00:10) goes, `late` (10:00:20) stays.
                let body = #"{"last_updated_max": "2024-05-01T10:00:10.200Z"}"#
                expectEmpty(try await api.send(.delete, "\(API.jobs)/mass-delete", json: body), .noContent)
                #expect(try expectJSON(try await api.get(API.jobs), .ok).ids("jobs") == [late.id.rawValue])
                try expectError(try await api.get("\(API.jobs)/\(middle.id.rawValue)"), .notFound)
                #expect(!FileManager.default.fileExists(atPath: farm.folder(of: early.id).path))
                #expect(try farm.rowCount("tasks") == 1)
            }
        }
    }

    @Test func massDeleteAnswers416WhenNoJobMatchesAnd400WithoutTheField() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let before = #"{"last_updated_max": "2024-05-01T09:59:58Z"}"#
                try expectError(
                    try await api.send(.delete, "\(API.jobs)/mass-delete", json: before), .rangeNotSatisfiable)
                try expectError(try await api.send(.delete, "\(API.jobs)/mass-delete", json: "{}"), .badRequest)
                try expectError(
                    try await api.send(.delete, "\(API.jobs)/mass-delete", json: #"{"last_updated_max": "yesterday"}"#),
                    .badRequest)
                #expect(try await farm.job(job.id).deleteRequestedAt == nil)
                #expect(try farm.rowCount("jobs") == 1)
            }
        }
    }
}
