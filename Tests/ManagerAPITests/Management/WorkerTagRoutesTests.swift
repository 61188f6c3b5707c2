import FarmModel
import Foundation
import HTTPTypes
import Testing

/// Worker tag CRUD and tag-restricted scheduling (protocol.md §10.3, §7.1; checklist item 18).
@Suite struct WorkerTagRoutesTests {
    private func tagURI(_ id: String) -> String { "/api/v3/worker-mgt/tag/\(id)" }

    @Test func createTagWithoutAnIDGivesAFreshOneAndListsIt() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                #expect(try expectJSON(try await api.get(API.tags), .ok) == .object(["tags": .array([])]))
                let reply = try await api.post(
                    API.tags, .object(["name": .string("gpu"), "description": .string("cards")]))
                let tag = try expectJSON(reply, .ok)
                #expect(try schemaProblems(tag, "WorkerTag") == [])
                let id = try #require(tag["id"].stringValue)
                #expect(TagID(validating: id) != nil)
                #expect(id == id.lowercased())
                #expect(tag["name"] == .string("gpu"))
                #expect(tag["description"] == .string("cards"))

                let empty = try expectJSON(
                    try await api.post(API.tags, .object(["name": .string("cpu"), "id": .string("")])), .ok)
                #expect(TagID(validating: empty["id"].stringValue ?? "") != nil)
                #expect(empty["description"] == .null)

                let list = try expectJSON(try await api.get(API.tags), .ok)
                #expect(try schemaProblems(list, "WorkerTagList") == [])
                #expect(Set(list.ids("tags")) == [id, try #require(empty["id"].stringValue)])
            }
        }
    }

    @Test func createTagKeepsAGivenIDAndRejectsADuplicateNameWith409() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let chosen = UUID().uuidString.lowercased()
                let tag = try expectJSON(
                    try await api.post(API.tags, .object(["name": .string("gpu"), "id": .string(chosen)])), .ok)
                #expect(tag["id"] == .string(chosen))
                try expectError(try await api.post(API.tags, .object(["name": .string("gpu")])), .conflict)
                try expectError(try await api.post(API.tags, .object(["name": .string("")])), .badRequest)
                try expectError(try await api.post(API.tags, .object(["description": .string("no name")])), .badRequest)
                #expect(try expectJSON(try await api.get(API.tags), .ok)["tags"].arrayValue?.count == 1)
            }
        }
    }

    @Test func fetchTagAnswersTheTagOr404Or400() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let id = try await api.createTag("gpu", description: "cards")
                #expect(
                    try expectJSON(try await api.get(tagURI(id)), .ok)
                        == .object(["id": .string(id), "name": .string("gpu"), "description": .string("cards")]))
                try expectError(try await api.get(tagURI(UUID().uuidString.lowercased())), .notFound)
                try expectError(try await api.get(tagURI("nope")), .badRequest)
            }
        }
    }

    @Test func updateTagReplacesTheNameAndTheDescriptionOnlyWhenGiven() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let id = try await api.createTag("gpu", description: "cards")
                let other = UUID().uuidString.lowercased()
                expectEmpty(
                    try await api.send(.put, tagURI(id), json: #"{"name": "fast", "id": "\#(other)"}"#), .noContent)
                #expect(
                    try expectJSON(try await api.get(tagURI(id)), .ok)
                        == .object(["id": .string(id), "name": .string("fast"), "description": .string("cards")]))
                expectEmpty(
                    try await api.send(.put, tagURI(id), json: #"{"name": "fast", "description": "new"}"#), .noContent)
                #expect(try expectJSON(try await api.get(tagURI(id)), .ok)["description"] == .string("new"))
                try expectError(
                    try await api.send(.put, tagURI(UUID().uuidString.lowercased()), json: #"{"name": "x"}"#), .notFound
                )
                try expectError(try await api.send(.put, tagURI("nope"), json: #"{"name": "x"}"#), .badRequest)
                _ = try await api.createTag("cpu")
                try expectError(try await api.send(.put, tagURI(id), json: #"{"name": "cpu"}"#), .conflict)
                #expect(try expectJSON(try await api.get(tagURI(id)), .ok)["name"] == .string("fast"))
            }
        }
    }

    @Test func deletingATagUntagsJobsAndRemovesMemberships() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let id = try await api.createTag("gpu")
                let worker = try await api.register()
                expectEmpty(try await api.setTags(worker.id, [id]), .noContent)
                let job = try await api.submitted(Submissions.echo(extra: ["worker_tag": .string(id)]))
                let jobID = try #require(job["id"].stringValue)

                expectEmpty(try await api.send(.delete, tagURI(id)), .noContent)
                try expectError(try await api.get(tagURI(id)), .notFound)
                #expect(try await api.job(jobID)["worker_tag"] == .null)
                #expect(try await api.managedWorker(worker.id)["tags"] == .null)
                #expect(try farm.rowCount("worker_tag_memberships") == 0)
                try expectError(try await api.send(.delete, tagURI(id)), .notFound)
                try expectError(try await api.send(.delete, tagURI("nope")), .badRequest)
            }
        }
    }

    @Test func taggedJobGoesOnlyToMembersWhoAlsoRunUntaggedJobs() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let gpu = try await api.createTag("gpu")
                let tagged = try await api.submitted(
                    Submissions.echo(name: "tagged", extra: ["worker_tag": .string(gpu), "priority": .int(90)]))
                let outsider = try await api.awakeWorker(name: "outsider")
                let member = try await api.awakeWorker(name: "member")
                expectEmpty(try await api.setTags(member.id, [gpu]), .noContent)

                expectEmpty(try await api.requestTask(outsider), .noContent)
                let first = try await api.takeTask(member)
                #expect(first["job"] == tagged["id"])

                let untagged = try await api.submitted(
                    Submissions.echo(name: "untagged", extra: ["priority": .int(10)]))
                let outsiderTask = try await api.takeTask(outsider)
                #expect(outsiderTask["job"] == untagged["id"])
                try await api.report(outsider, try #require(outsiderTask["uuid"].stringValue), "completed")
                try await api.report(member, try #require(first["uuid"].stringValue), "completed")
                // The member gets the tagged job's next task first (priority 90), then untagged work.
                let second = try await api.takeTask(member)
                #expect(second["job"] == tagged["id"])
                try await api.report(member, try #require(second["uuid"].stringValue), "completed")
                let third = try await api.takeTask(member)
                #expect(third["job"] == untagged["id"])
            }
        }
    }

    @Test func retaggingAJobOverHTTPChangesWhoMayRunIt() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let gpu = try await api.createTag("gpu")
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let outsider = try await api.awakeWorker(name: "outsider")
                expectEmpty(
                    try await api.post("\(API.jobs)/\(job.id.rawValue)/settag", .object(["name": .string("gpu")])),
                    .noContent)
                expectEmpty(try await api.requestTask(outsider), .noContent)
                expectEmpty(try await api.setTags(outsider.id, [gpu]), .noContent)
                #expect(try await api.takeTask(outsider)["uuid"] == .string(job.task(0).id.rawValue))
            }
        }
    }
}
