import FarmModel
import Foundation
import HTTPTypes
import Testing

/// Job types and submission over HTTP (protocol.md §10.1; checklist items 36–39; §13 rows 21, 24).
@Suite struct JobSubmissionRoutesTests {
    /// The current etag of a job type, as the add-on reads it.
    private func etag(_ api: API, _ type: String) async throws -> String {
        let body = try expectJSON(try await api.get("\(API.jobs)/type/\(type)"), .ok)
        return try #require(body["etag"].stringValue)
    }

    /// Requires that no job, task or dependency row was stored.
    private func expectNothingStored(_ farm: TestFarm, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try farm.rowCount("jobs") == 0, sourceLocation: sourceLocation)
        #expect(try farm.rowCount("tasks") == 0, sourceLocation: sourceLocation)
        #expect(try farm.rowCount("task_dependencies") == 0, sourceLocation: sourceLocation)
    }

    // MARK: Job types

    @Test func jobTypesListsBothBuiltInsSortedByNameWithTheirSettings() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let body = try expectJSON(try await api.get("\(API.jobs)/types"), .ok)
                #expect(try schemaProblems(body, "AvailableJobTypes") == [])
                let types = try #require(body["job_types"].arrayValue)
                #expect(types.map { $0["name"].stringValue } == ["echo-sleep-test", "simple-blender-render"])
                #expect(types.map { $0["label"].stringValue } == ["Echo Sleep Test", "Simple Blender Render"])
                for jobType in types {
                    #expect((jobType["etag"].stringValue ?? "").isEmpty == false)
                }
                let echo = try #require(types.first)
                let settings = try #require(echo["settings"].arrayValue)
                #expect(
                    settings.map { $0["key"].stringValue } == ["message", "sleep_duration_seconds", "sleep_repeats"])
                #expect(settings.map { $0["type"].stringValue } == ["string", "int32", "int32"])
                #expect(settings[0]["required"] == .bool(true))
                #expect(settings[1]["default"] == .int(1))
                #expect(settings[2]["default"] == .int(1))
            }
        }
    }

    @Test func simpleBlenderRenderPublishesItsSettingsInSpecOrderWithEvalStrings() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let body = try expectJSON(try await api.get("\(API.jobs)/type/simple-blender-render"), .ok)
                #expect(try schemaProblems(body, "AvailableJobType") == [])
                #expect((body["description"].stringValue ?? "").isEmpty == false)
                let settings = try #require(body["settings"].arrayValue)
                #expect(
                    settings.map { $0["key"].stringValue } == [
                        "frames", "chunk_size", "render_output_root", "add_path_components", "render_output_path",
                        "blendfile", "fps", "format", "image_file_extension", "has_previews", "scene",
                    ])
                #expect(
                    settings.map { $0["type"].stringValue } == [
                        "string", "int32", "string", "int32", "string", "string", "float", "string", "string", "bool",
                        "string",
                    ])
                let byKey = Dictionary(uniqueKeysWithValues: settings.map { ($0["key"].stringValue ?? "", $0) })
                #expect(byKey["frames"]?["eval"] == .string("f'{C.scene.frame_start}-{C.scene.frame_end}'"))
                #expect(
                    byKey["frames"]?["evalInfo"]
                        == .object(["showLinkButton": .bool(true), "description": .string("Scene frame range")]))
                #expect(byKey["frames"]?["required"] == .bool(true))
                #expect(byKey["chunk_size"]?["default"] == .int(1))
                #expect(byKey["chunk_size"]?["visible"] == .string("submission"))
                #expect(byKey["render_output_root"]?["subtype"] == .string("dir_path"))
                #expect(byKey["add_path_components"]?["propargs"] == .object(["min": .int(0), "max": .int(32)]))
                #expect(byKey["add_path_components"]?["default"] == .int(0))
                #expect(byKey["render_output_path"]?["subtype"] == .string("file_path"))
                #expect(byKey["render_output_path"]?["editable"] == .bool(false))
                #expect(
                    byKey["render_output_path"]?["eval"]
                        == .string(
                            "str(Path(abspath(settings.render_output_root), "
                                + "last_n_dir_parts(settings.add_path_components), jobname, '{timestamp}', '######'))"))
                #expect(byKey["blendfile"]?["visible"] == .string("web"))
                #expect(byKey["fps"]?["eval"] == .string("C.scene.render.fps / C.scene.render.fps_base"))
                #expect(byKey["fps"]?["visible"] == .string("hidden"))
                #expect(byKey["format"]?["eval"] == .string("C.scene.render.image_settings.file_format"))
                #expect(byKey["image_file_extension"]?["eval"] == .string("C.scene.render.file_extension"))
                #expect(byKey["has_previews"]?["eval"] == .string("C.scene.render.image_settings.use_preview"))
                #expect(byKey["has_previews"]?["required"] == .bool(false))
                #expect(byKey["scene"]?["eval"] == .string("C.scene.name"))
                for setting in settings {
                    #expect((setting["description"].stringValue ?? "").isEmpty == false, "\(setting["key"])")
                }
            }
        }
    }

    @Test func jobTypeByNameAnswersTheListedDefinition() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let list = try expectJSON(try await api.get("\(API.jobs)/types"), .ok)
                let one = try expectJSON(try await api.get("\(API.jobs)/type/echo-sleep-test"), .ok)
                #expect(list["job_types"].arrayValue?.first == one)
            }
        }
    }

    @Test func jobTypeAnswers404ForAnUnknownName() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let message = try expectError(try await api.get("\(API.jobs)/type/nope"), .notFound)
                #expect(message.contains("nope"))
            }
        }
    }

    // MARK: Submission

    @Test func submitStoresTheJobWithDefaultsAppliedAndStepsTotalComputed() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                var body = Submissions.echo(repeats: 2)
                if case .object(var members) = body {
                    members["priority"] = nil  // the schema default 50 applies
                    members["metadata"] = .object(["project": .string("tests")])
                    body = .object(members)
                }
                let reply = try await api.submit(body)
                let job = try expectJSON(reply, .ok)
                #expect(try schemaProblems(job, "Job") == [])
                #expect(job["status"] == .string("queued"))
                #expect(job["priority"] == .int(50))
                #expect(job["type"] == .string("echo-sleep-test"))
                #expect(job["steps_total"] == .int(3))
                #expect(job["steps_completed"] == .int(0))
                #expect(job["metadata"] == .object(["project": .string("tests")]))
                #expect(
                    job["settings"]
                        == .object([
                            "message": .string("hello"), "sleep_repeats": .int(2), "sleep_duration_seconds": .int(1),
                        ]))
                let id = try #require(job["id"].stringValue)
                #expect(try await api.job(id)["steps_total"] == .int(3))
                let stored = try await farm.tasks(of: JobID(unchecked: id))
                #expect(stored.map(\.name) == ["echo", "sleep", "sleep"])
                #expect(stored.map(\.status) == [.queued, .queued, .queued])
                #expect(try farm.rowCount("task_dependencies") == 2)
            }
        }
    }

    @Test func submitReplacesTheTimestampAndCompilesRenderChunksAndTheVideo() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await api.submitted(Submissions.blender())
                // The clock reads 2024-05-01T10:00:00Z; the farm's time zone is UTC.
                #expect(job["settings"]["render_output_path"] == .string("/render/shot/2024-05-01_100000/######"))
                #expect(job["steps_total"] == .int(11))
                let id = JobID(unchecked: try #require(job["id"].stringValue))
                let tasks = try await farm.tasks(of: id)
                #expect(tasks.map(\.name) == ["render-1-3", "render-4-6", "render-7-9", "render-10", "preview-video"])
                #expect(tasks.map(\.stepsTotal) == [3, 3, 3, 1, 1])
                #expect(tasks.map(\.taskType) == ["blender", "blender", "blender", "blender", "ffmpeg"])
                // The video task depends on all four render tasks.
                #expect(try farm.rowCount("task_dependencies") == 4)
            }
        }
    }

    @Test(arguments: [
        ("OPEN_EXR", JSONValue.bool(false), JSONValue?.some(.int(24))), ("PNG", .bool(false), JSONValue?.none),
        ("PNG", .bool(false), JSONValue?.some(.int(0))),
    ])
    func exrWithoutPreviewsOrNoFrameRateMakesNoVideoTask(_ format: String, _ previews: JSONValue, _ fps: JSONValue?)
        async throws
    {
        try await TestFarm.with { farm in
            try await farm.router { api in
                var settings = Submissions.blenderSettings()
                settings["format"] = .string(format)
                settings["has_previews"] = previews
                settings["fps"] = fps
                let job = try await api.submitted(Submissions.blender(settings: settings))
                let id = JobID(unchecked: try #require(job["id"].stringValue))
                #expect(
                    try await farm.tasks(of: id).map(\.name) == ["render-1-3", "render-4-6", "render-7-9", "render-10"])
                #expect(job["steps_total"] == .int(10))
            }
        }
    }

    @Test func submitAppliesTheChunkSizeDefaultOfOne() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await api.submitted(
                    Submissions.blender(settings: Submissions.blenderSettings(chunkSize: nil)))
                #expect(job["settings"]["chunk_size"] == .int(1))
                let id = JobID(unchecked: try #require(job["id"].stringValue))
                #expect(try await farm.tasks(of: id).count == 11)
            }
        }
    }

    @Test(arguments: [
        ("echo-sleep-test", "message"), ("simple-blender-render", "blendfile"), ("simple-blender-render", "frames"),
        ("simple-blender-render", "scene"),
    ])
    func submitAnswers400NamingAMissingRequiredSetting(_ type: String, _ key: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                var body: JSONValue
                if type == "echo-sleep-test" {
                    body = Submissions.echo(message: nil)
                } else {
                    var settings = Submissions.blenderSettings()
                    settings[key] = nil
                    body = Submissions.blender(settings: settings)
                }
                let message = try expectError(try await api.submit(body), .badRequest)
                #expect(message.contains("\"\(key)\""), "message: \(message)")
                try expectNothingStored(farm)
                try expectError(try await api.post("\(API.jobs)/check", body), .badRequest)
            }
        }
    }

    @Test(arguments: [
        ("chunk_size", JSONValue.string("three")), ("fps", .string("24")), ("has_previews", .string("yes")),
        ("blendfile", .int(12)), ("chunk_size", .double(2.5)), ("add_path_components", .int(5_000_000_000)),
    ])
    func submitAnswers400NamingAWronglyTypedSetting(_ key: String, _ value: JSONValue) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                var settings = Submissions.blenderSettings()
                settings[key] = value
                let message = try expectError(
                    try await api.submit(Submissions.blender(settings: settings)), .badRequest)
                #expect(message.contains("\"\(key)\""), "message: \(message)")
                try expectNothingStored(farm)
            }
        }
    }

    @Test func submitAnswers400ForAnUnknownJobType() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let body = JSONValue.object([
                    "name": .string("x"), "type": .string("no-such-type"), "priority": .int(50),
                    "submitter_platform": .string("linux"),
                ])
                let message = try expectError(try await api.submit(body), .badRequest)
                #expect(message.contains("unknown"))
                #expect(message.contains("no-such-type"))
                try expectNothingStored(farm)
            }
        }
    }

    @Test(arguments: ["FFMPEG", "AVI_RAW", "AVI_JPEG"])
    func submitAnswers400ForAVideoFormat(_ format: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                var settings = Submissions.blenderSettings()
                settings["format"] = .string(format)
                let message = try expectError(
                    try await api.submit(Submissions.blender(settings: settings)), .badRequest)
                #expect(message.contains("format"))
                try expectNothingStored(farm)
            }
        }
    }

    @Test func submitAndCheckAnswer412ForAStaleTypeEtag() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let stale = Submissions.echo(extra: ["type_etag": .string(String(repeating: "0", count: 40))])
                try expectError(try await api.submit(stale), .preconditionFailed)
                try expectError(try await api.post("\(API.jobs)/check", stale), .preconditionFailed)
                try expectNothingStored(farm)
            }
        }
    }

    @Test func submitAcceptsTheCurrentEtagAnEmptyEtagAndNoEtag() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let current = try await etag(api, "echo-sleep-test")
                _ = try await api.submitted(Submissions.echo(name: "current", extra: ["type_etag": .string(current)]))
                _ = try await api.submitted(Submissions.echo(name: "empty", extra: ["type_etag": .string("")]))
                _ = try await api.submitted(Submissions.echo(name: "absent"))
                #expect(try farm.rowCount("jobs") == 3)
            }
        }
    }

    @Test func checkAnswers204AndStoresNothing() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let current = try await etag(api, "simple-blender-render")
                let body = Submissions.blender(extra: ["type_etag": .string(current)])
                expectEmpty(try await api.post("\(API.jobs)/check", body), .noContent)
                try expectNothingStored(farm)
                #expect(((try? FileManager.default.contentsOfDirectory(atPath: farm.storageRoot.path)) ?? []).isEmpty)
            }
        }
    }

    @Test func tenThousandSingleFrameChunksAreAcceptedAndStored() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let settings = Submissions.blenderSettings(frames: "1-10000", chunkSize: 1)
                let job = try await api.submitted(Submissions.blender(settings: settings))
                #expect(job["steps_total"] == .int(10_001))
                #expect(try farm.rowCount("tasks") == 10_001)
                #expect(try farm.rowCount("task_dependencies") == 10_000)
            }
        }
    }

    @Test func submittingPausedStoresAPausedJobWithQueuedTasksThatNobodyGets() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await api.submitted(Submissions.echo(extra: ["initial_status": .string("paused")]))
                #expect(job["status"] == .string("paused"))
                let id = try #require(job["id"].stringValue)
                #expect(try await farm.tasks(of: JobID(unchecked: id)).map(\.status) == [.queued, .queued])
                let worker = try await api.awakeWorker()
                expectEmpty(try await api.requestTask(worker), .noContent)
                // A user requeue releases it.
                expectEmpty(try await api.setJobStatus(id, "requeueing"), .noContent)
                #expect(try await api.jobStatus(id) == "queued")
                #expect(try await api.takeTask(worker)["job"] == .string(id))
            }
        }
    }

    @Test(arguments: ["active", "completed", "cancel-requested", "failed"])
    func submitAnswers400ForAnInitialStatusANewJobCannotHave(_ status: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let body = Submissions.echo(extra: ["initial_status": .string(status)])
                let message = try expectError(try await api.submit(body), .badRequest)
                #expect(message.contains(status))
                try expectNothingStored(farm)
            }
        }
    }

    @Test func submitAnswers400ForAnUnknownWorkerTagAndKeepsAKnownOne() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let unknown = Submissions.echo(extra: ["worker_tag": .string(UUID().uuidString.lowercased())])
                let message = try expectError(try await api.submit(unknown), .badRequest)
                #expect(message.contains("worker_tag"))
                try expectNothingStored(farm)

                let tag = try await api.createTag("gpu")
                let job = try await api.submitted(Submissions.echo(extra: ["worker_tag": .string(tag)]))
                #expect(job["worker_tag"] == .string(tag))
                #expect(try await api.job(try #require(job["id"].stringValue))["worker_tag"] == .string(tag))
            }
        }
    }
}
