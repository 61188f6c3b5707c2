import Farm
import FarmModel
import Foundation
import HTTPTypes
import NIOCore
import Testing

/// Priority, tags, logs, `/job-files/`, blocklists and last-rendered previews (protocol.md §10.2; §13 row 11).
@Suite struct JobDetailRoutesTests {
    private func setPriority(_ api: API, _ job: String, _ priority: Int) async throws -> Reply {
        try await api.post("\(API.jobs)/\(job)/setpriority", .object(["priority": .int(Int64(priority))]))
    }

    private func setTag(_ api: API, _ job: String, _ body: [String: JSONValue]) async throws -> Reply {
        try await api.post("\(API.jobs)/\(job)/settag", .object(body))
    }

    // MARK: Priority

    @Test func setPriorityChangesTheJobAndItsSchedulingOrder() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let first = try await farm.seedJob(name: "first", tasks: Seed.tasks(1))
                let second = try await farm.seedJob(name: "second", tasks: Seed.tasks(1))
                expectEmpty(try await setPriority(api, second.id.rawValue, 80), .noContent)
                #expect(try await api.job(second.id.rawValue)["priority"] == .int(80))
                #expect(try await api.job(first.id.rawValue)["priority"] == .int(50))
                let worker = try await api.awakeWorker()
                #expect(try await api.takeTask(worker)["uuid"] == .string(second.task(0).id.rawValue))
            }
        }
    }

    @Test(arguments: [101, -1])
    func setPriorityAnswers400OutsideZeroToHundred(_ priority: Int) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                try expectError(try await setPriority(api, job.id.rawValue, priority), .badRequest)
                #expect(try await farm.job(job.id).priority == 50)
            }
        }
    }

    @Test func setPriorityAcceptsTheBoundsAndAnswers404ForAnUnknownJob() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                expectEmpty(try await setPriority(api, job.id.rawValue, 0), .noContent)
                #expect(try await farm.job(job.id).priority == 0)
                expectEmpty(try await setPriority(api, job.id.rawValue, 100), .noContent)
                #expect(try await farm.job(job.id).priority == 100)
                try expectError(try await setPriority(api, UUID().uuidString.lowercased(), 10), .notFound)
                try expectError(try await setPriority(api, "nope", 10), .badRequest)
            }
        }
    }

    // MARK: Tag

    @Test func setTagByIDOrByNameAndRemoval() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let gpu = try await api.createTag("gpu")
                let cpu = try await api.createTag("cpu")
                expectEmpty(try await setTag(api, job.id.rawValue, ["id": .string(gpu)]), .noContent)
                #expect(try await api.job(job.id.rawValue)["worker_tag"] == .string(gpu))
                expectEmpty(try await setTag(api, job.id.rawValue, ["name": .string("cpu")]), .noContent)
                #expect(try await api.job(job.id.rawValue)["worker_tag"] == .string(cpu))
                expectEmpty(try await setTag(api, job.id.rawValue, [:]), .noContent)
                #expect(try await api.job(job.id.rawValue)["worker_tag"] == .null)
                #expect(try await farm.job(job.id).workerTag == nil)
            }
        }
    }

    @Test func setTagAnswers422ForAnUnknownTagAndKeepsTheCurrentOne() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let gpu = try await api.createTag("gpu")
                expectEmpty(try await setTag(api, job.id.rawValue, ["id": .string(gpu)]), .noContent)
                try expectError(
                    try await setTag(api, job.id.rawValue, ["id": .string(UUID().uuidString.lowercased())]),
                    .unprocessableContent)
                try expectError(
                    try await setTag(api, job.id.rawValue, ["name": .string("nope")]), .unprocessableContent)
                #expect(try await farm.job(job.id).workerTag == TagID(unchecked: gpu))
                try expectError(
                    try await setTag(api, UUID().uuidString.lowercased(), ["id": .string(gpu)]), .notFound)
                try expectError(try await setTag(api, "nope", ["id": .string(gpu)]), .badRequest)
            }
        }
    }

    // MARK: Logs

    @Test func logTailAndLogInfoAnswer204WithoutALog() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let id = job.task(0).id.rawValue
                expectEmpty(try await api.get("\(API.tasks)/\(id)/logtail"), .noContent)
                expectEmpty(try await api.get("\(API.tasks)/\(id)/log"), .noContent)
            }
        }
    }

    @Test func logTailAnswersAShortLogWhole() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                try farm.writeLog("first line\nsecond line\n", of: job.task(0))
                let reply = try await api.get("\(API.tasks)/\(job.task(0).id.rawValue)/logtail")
                #expect(reply.status == .ok)
                #expect(reply.headers[.contentType]?.hasPrefix("text/plain") == true)
                #expect(reply.text == "first line\nsecond line\n")
            }
        }
    }

    @Test func logTailAnswersTheLast2048BytesWithoutTheirPartialFirstLine() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let lines = (0..<100).map { "line \(String(format: "%03d", $0)) " + String(repeating: "x", count: 40) }
                let log = lines.joined(separator: "\n") + "\n"
                try farm.writeLog(log, of: job.task(0))

                let window = Array(log.utf8).suffix(2048)
                let newline = try #require(window.firstIndex(of: UInt8(ascii: "\n")))
                let expected = String(decoding: window[(newline + 1)...], as: UTF8.self)

                let reply = try await api.get("\(API.tasks)/\(job.task(0).id.rawValue)/logtail")
                #expect(reply.status == .ok)
                #expect(reply.text == expected)
                #expect(reply.body.readableBytes < 2048)
                #expect(reply.text.hasPrefix("line "))
                #expect(reply.text.hasSuffix(lines.last! + "\n"))
            }
        }
    }

    @Test func logTailAndLogInfoAnswer400And404() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                for suffix in ["logtail", "log"] {
                    try expectError(try await api.get("\(API.tasks)/bad/\(suffix)"), .badRequest)
                    try expectError(
                        try await api.get("\(API.tasks)/\(UUID().uuidString.lowercased())/\(suffix)"), .notFound)
                }
            }
        }
    }

    @Test func logInfoGivesAJobFilesURLThatServesTheLog() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let task = job.task(0)
                try farm.writeLog("hello from the worker\n", of: task)
                let info = try expectJSON(try await api.get("\(API.tasks)/\(task.id.rawValue)/log"), .ok)
                #expect(try schemaProblems(info, "TaskLogInfo") == [])
                let url = "/job-files/job-\(job.id.rawValue.prefix(4))/\(job.id.rawValue)/task-\(task.id.rawValue).txt"
                #expect(info["url"] == .string(url))
                #expect(info["task_id"] == .string(task.id.rawValue))
                #expect(info["job_id"] == .string(job.id.rawValue))
                #expect(info["size"] == .int(22))

                let file = try await api.get(url)
                #expect(file.status == .ok)
                #expect(file.text == "hello from the worker\n")
                #expect(file.headers[.contentType]?.hasPrefix("text/plain") == true)
            }
        }
    }

    // MARK: /job-files/

    @Test func jobFilesRefusesEveryWayOutOfTheStorageFolder() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                try farm.writeLog("log\n", of: job.task(0))
                let jobFolder = "job-\(job.id.rawValue.prefix(4))/\(job.id.rawValue)"
                let secret = "SECRET-CONTENT"
                try secret.write(to: farm.storageRoot.appending(path: ".secret"), atomically: true, encoding: .utf8)
                try secret.write(
                    to: farm.folder(of: job.id).appending(path: ".hidden"), atomically: true, encoding: .utf8)
                try secret.write(to: farm.folder.appending(path: "outside.txt"), atomically: true, encoding: .utf8)
                try FileManager.default.createSymbolicLink(
                    at: farm.storageRoot.appending(path: "escape"), withDestinationURL: farm.folder)
                let outside = farm.folder.appending(path: "outside.txt").path
                let encodedOutside = outside.replacingOccurrences(of: "/", with: "%2F")

                let attempts = [
                    "/job-files/../outside.txt",
                    "/job-files/%2e%2e/outside.txt",
                    "/job-files/%2E%2E%2Foutside.txt",
                    "/job-files/\(jobFolder)/../../../outside.txt",
                    "/job-files/\(jobFolder)/%2e%2e/%2e%2e/%2e%2e/outside.txt",
                    "/job-files/..%5Coutside.txt",
                    "/job-files/\(outside)",
                    "/job-files/\(encodedOutside)",
                    "/job-files/.secret",
                    "/job-files/\(jobFolder)/.hidden",
                    "/job-files/escape/outside.txt",
                    "/job-files/\(jobFolder)",
                ]
                for uri in attempts {
                    let reply = try await api.get(uri)
                    #expect(reply.status == .notFound, "\(uri) answered \(reply.status)")
                    #expect(!reply.text.contains(secret), "\(uri) leaked the file")
                }
                // The real file is still served.
                #expect(
                    try await api.get("/job-files/\(jobFolder)/task-\(job.task(0).id.rawValue).txt").text == "log\n")
            }
        }
    }

    // MARK: Blocklist

    @Test func blocklistIsSortedByWorkerNameAndEntriesCanBeRemoved() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let zeta = try await api.register(name: "zeta")
                let alpha = try await api.register(name: "alpha")
                try await farm.block(zeta, on: job.id, taskType: "misc")
                try await farm.block(alpha, on: job.id, taskType: "misc")
                let uri = "\(API.jobs)/\(job.id.rawValue)/blocklist"

                let list = try expectJSON(try await api.get(uri), .ok)
                #expect(try schemaProblems(list, "JobBlocklist") == [])
                #expect(
                    list
                        == .array([
                            .object([
                                "worker_id": .string(alpha.id), "task_type": .string("misc"),
                                "worker_name": .string("alpha"),
                            ]),
                            .object([
                                "worker_id": .string(zeta.id), "task_type": .string("misc"),
                                "worker_name": .string("zeta"),
                            ]),
                        ]))

                let removal = JSONValue.array([
                    .object(["worker_id": .string(zeta.id), "task_type": .string("misc"), "worker_name": .string("x")]),
                    .object(["worker_id": .string(alpha.id), "task_type": .string("blender")]),
                ])
                expectEmpty(try await api.send(.delete, uri, json: removal.jsonText()), .noContent)
                #expect(
                    try expectJSON(try await api.get(uri), .ok).arrayValue?.map { $0["worker_id"] } == [
                        .string(alpha.id)
                    ])
            }
        }
    }

    @Test func blocklistAnswersEmptyForAnUnknownJobAnd400ForBadInput() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let unknown = "\(API.jobs)/\(UUID().uuidString.lowercased())/blocklist"
                #expect(try expectJSON(try await api.get(unknown), .ok) == .array([]))
                try expectError(try await api.get("\(API.jobs)/bad/blocklist"), .badRequest)
                try expectError(
                    try await api.send(.delete, "\(API.jobs)/\(job.id.rawValue)/blocklist", json: "[]"), .badRequest)
                let entry = #"[{"worker_id": "\#(UUID().uuidString.lowercased())", "task_type": "misc"}]"#
                try expectError(try await api.send(.delete, "\(API.jobs)/bad/blocklist", json: entry), .badRequest)
                expectEmpty(try await api.send(.delete, unknown, json: entry), .noContent)
            }
        }
    }

    // MARK: Last rendered

    @Test func lastRenderedAnswers204UntilAnUploadIsProcessedThenPointsAtTheThumbnails() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let jobURI = "\(API.jobs)/\(job.id.rawValue)/last-rendered"
                expectEmpty(try await api.get(jobURI), .noContent)
                expectEmpty(try await api.get("\(API.jobs)/last-rendered"), .noContent)

                let worker = try await api.awakeWorker()
                let task = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                expectEmpty(try await api.upload(worker, task, TestImages.png), .accepted)
                await farm.pipeline.waitUntilIdle()

                let base = "/job-files/job-\(job.id.rawValue.prefix(4))/\(job.id.rawValue)"
                let expected = JSONValue.object([
                    "base": .string(base),
                    "suffixes": .array([
                        .string("last-rendered.jpg"), .string("last-rendered-small.jpg"),
                        .string("last-rendered-tiny.jpg"),
                    ]),
                ])
                let info = try expectJSON(try await api.get(jobURI), .ok)
                #expect(info == expected)
                #expect(try schemaProblems(info, "JobLastRenderedImageInfo") == [])
                #expect(try expectJSON(try await api.get("\(API.jobs)/last-rendered"), .ok) == expected)

                for suffix in ["last-rendered.jpg", "last-rendered-small.jpg", "last-rendered-tiny.jpg"] {
                    let image = try await api.get("\(base)/\(suffix)")
                    #expect(image.status == .ok, "\(suffix)")
                    #expect(image.headers[.contentType] == "image/jpeg")
                    #expect(Array(image.body.readableBytesView.prefix(2)) == [0xFF, 0xD8])
                }
                try expectError(try await api.get("\(API.jobs)/bad/last-rendered"), .badRequest)
            }
        }
    }
}
