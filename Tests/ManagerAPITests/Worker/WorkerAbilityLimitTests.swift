import FarmModel
import Foundation
import HTTPTypes
import Storage
import Testing

/// Task types and tags a worker claims are de-duplicated and capped on register, sign-on and settags.
@Suite struct WorkerAbilityLimitTests {
    static func registration(_ taskTypes: [String]) -> JSONValue {
        .object([
            "name": .string("greedy"), "platform": .string("linux"), "secret": .string("s"),
            "supported_task_types": .array(taskTypes.map(JSONValue.string)),
        ])
    }

    @Test func registeringWith150000TaskTypesIsRefusedAndNothingIsStored() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let types = (0..<150_000).map { "\($0)" }
                let message = try expectError(
                    try await api.post("\(API.worker)/register-worker", Self.registration(types)), .badRequest)
                #expect(message.contains("supported_task_types"), "\(message)")
                #expect(message.contains("\(WorkerAbilityLists.maximumTaskTypes)"), "\(message)")
                #expect(try farm.rowCount("workers") == 0)
            }
        }
    }

    @Test func repeatedTaskTypesAreStoredOnceAndDoNotCountAgainstTheCap() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let distinct = (0..<WorkerAbilityLists.maximumTaskTypes).map { "type-\($0)" }
                let worker = try await api.register(taskTypes: distinct + distinct + distinct)
                #expect(try await farm.worker(worker).supportedTaskTypes == distinct)
                // Sign-on lower-cases and trims, then removes repeats.
                let signOn = try await api.signOn(worker, taskTypes: ["Blender", " blender ", "misc", "MISC"])
                #expect(signOn.status == .ok, "\(signOn.text)")
                #expect(try await farm.worker(worker).supportedTaskTypes == ["blender", "misc"])
                let tooMany = try await api.signOn(worker, taskTypes: distinct + ["one-more"])
                let message = try expectError(tooMany, .badRequest)
                #expect(message.contains("supported_task_types"), "\(message)")
                #expect(try await farm.worker(worker).supportedTaskTypes == ["blender", "misc"])
                let refused = try expectError(
                    try await api.post(
                        "\(API.worker)/register-worker", Self.registration([String(repeating: "t", count: 300)])),
                    .badRequest)
                #expect(refused.contains("supported_task_types"))
            }
        }
    }

    @Test func settingMoreThanTheTagCapIsRefusedAndRepeatsCountOnce() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                var tags: [String] = []
                for index in 0...WorkerAbilityLists.maximumTags { tags.append(try await api.createTag("tag-\(index)")) }
                let message = try expectError(try await api.setTags(worker.id, tags), .badRequest)
                #expect(message.contains("tag_ids"), "\(message)")
                #expect(try farm.rowCount("worker_tag_memberships") == 0)
                let allowed = Array(tags.prefix(WorkerAbilityLists.maximumTags))
                expectEmpty(try await api.setTags(worker.id, allowed + allowed), .noContent)
                #expect(try farm.rowCount("worker_tag_memberships") == WorkerAbilityLists.maximumTags)
            }
        }
    }

    @Test func aWorkerClaimingManyTypesAndTagsStillGetsTheQueuedTaskOfItsTag() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let types = (0..<(WorkerAbilityLists.maximumTaskTypes - 1)).map { "unused-\($0)" } + ["zz-render"]
                let worker = try await api.awakeWorker(taskTypes: types)
                var tags: [String] = []
                for index in 0..<WorkerAbilityLists.maximumTags { tags.append(try await api.createTag("t-\(index)")) }
                expectEmpty(try await api.setTags(worker.id, tags), .noContent)
                let chosen = TagID(unchecked: tags[40])
                let tagRow = try await farm.database.read { tx in try tx.tags.find(chosen)?.rowID }
                // A higher-priority job of a type the worker lacks, and one of its last type in one of its tags.
                try await farm.seedJob(name: "other", priority: 90, tasks: Seed.tasks(2, type: "not-claimed"))
                let mine = try await farm.seedJob(
                    name: "mine", priority: 10, tagRowID: tagRow, tasks: Seed.tasks(1, prefix: "tagged", type: "zz-render"))
                let assigned = try await api.takeTask(worker)
                #expect(assigned["uuid"] == .string(mine.task(0).id.rawValue))
            }
        }
    }
}
