import Farm
import FarmModel
import Foundation
import HTTPTypes
import Logging
import Testing

@testable import JobScripts

/// `every_helper.js` calls each function and reads each object of the author API; its observations come back in
/// the stored tasks' command parameters.
@Suite("Job-type scripts: the author API")
struct AuthorAPITests {
    static func files() throws -> [String: String] {
        try TestScripts.files("every_helper.js", "naming.js", "lib/shots.js")
    }

    @Test func everyHelperAndObjectBehavesAsDocumented() async throws {
        try await ScriptFarm.with(files: try Self.files()) { farm in
            let reply = try await farm.router { api in
                try await api.post(
                    "/api/v3/jobs",
                    json(
                        #"""
                        {"name": "shot 010", "type": "every-helper", "priority": 50, "submitter_platform": "linux",
                         "settings": {"frames": "1-5,7,9-11", "chunk_size": 3, "output": "/render/shots"},
                         "metadata": {"project": "tablao"}, "storage": {"shaman_checkout_id": "checkout/7"}}
                        """#))
            }
            #expect(reply.status == .ok, "\(reply.text)")
            let id = try #require(try reply.json().field("id")?.stringValue)
            let (job, tasks) = try await farm.stored(id)
            #expect(tasks.map(\.name) == ["report", "render", "fields"])
            #expect(tasks.map(\.taskType) == ["misc", "blender", "misc"])
            #expect(tasks.map(\.priority) == [50, 70, 50])
            #expect(tasks.map(\.stepsTotal) == [1, 7, 4])

            let observed = try #require(tasks.first?.commands.first?.parameters)
            #expect(observed["jobID"] == .string(id))
            #expect(observed["name"] == .string("shot 010"))
            #expect(observed["jobType"] == .string("every-helper"))
            #expect(observed["priority"] == .int(50))
            #expect(observed["status"] == .string("queued"))
            #expect(observed["createdIsDate"] == .bool(true))
            let created = try #require(observed["created"]?.stringValue)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let seen = try #require(formatter.date(from: created))
            // The job is compiled at submission, then stored: the script's clock reading comes first.
            #expect(seen <= job.created)
            let madrid = TimeZone(identifier: "Europe/Madrid")!
            #expect(observed["stamp"] == .string(JobAuthoringHelpers.timestamp(seen, in: madrid)))
            #expect(observed["metadata"] == json(#"{"project": "tablao"}"#))
            #expect(observed["workerTagUUID"] == .string(""))
            #expect(observed["shamanCheckoutID"] == .string("checkout/7"))
            #expect(observed["chunks"] == json(#"["1-3", "4,5,7", "9-11"]"#))
            #expect(observed["count"] == .int(9))
            #expect(
                observed["words"] == json(#"["blender", "--python-expr", "print('a b')", "two words", "plain space"]"#))
            #expect(observed["join"] == .string("C:/render/shot/frame.png"))
            #expect(observed["dirname"] == .string("/render/shot"))
            #expect(observed["basename"] == .string("frame_####.png"))
            #expect(observed["stem"] == .string("shot.flamenco"))
            #expect(observed["cwd"] == .string(FileManager.default.currentDirectoryPath))
            #expect(observed["platform"] == .string("linux"))
            #expect(observed["sameModules"] == .bool(true))
            #expect(observed["naming"] == .string("lighting-003"))
            #expect(observed["shots"] == .string("9 frames in 1 chunk"))
            #expect(
                observed["modern"]
                    == json(
                        #"""
                        {"total": 6, "template": "6 in all", "arrow": [2, 4], "replaced": "a..b..c", "spread": 9,
                         "destructured": 3, "classy": 42}
                        """#))

            let fields = tasks[2].commands
            #expect(fields.map(\.name) == ["echo", "echo"])
            #expect(fields[0].totalStepCount == 3)
            #expect(
                fields[1].parameters["task"]
                    == json(
                        #"{"name": "render", "type": "blender", "priority": 70, "commands": 2, "dependencies": ["report"]}"#
                    ))
            #expect(
                fields[1].parameters["command"]
                    == json(#"{"name": "echo", "parameters": {"message": "x"}, "totalStepCount": 3}"#))
            #expect(tasks[1].commands.map(\.totalStepCount) == [5, 2])

            // Defaults applied before the script ran, and the script's own changes, are what is stored.
            #expect(job.settings["output"] == .string("/render/shots/out-001"))
            #expect(job.settings["added_by_script"] == .string("yes"))
            #expect(job.settings["ratio"] == .double(0.5))
            #expect(job.settings["denoise"] == .bool(true))
            #expect(job.settings["chunk_size"] == .int(3))

            let printed = farm.log.all.filter { $0.message == "Job type script output" }
            #expect(printed.contains { $0.level == .info && $0.metadata["text"] == "compiling shot 010 42" })
            #expect(printed.contains { $0.level == .notice && $0.metadata["text"] == "alert from every-helper" })
            #expect(printed.allSatisfy { $0.metadata["script"] == "every_helper.js" })
        }
    }

    @Test func dependenciesPointAtTheAddedTasks() async throws {
        try await ScriptFarm.with(files: try Self.files()) { farm in
            let compiled = try await farm.compile(type: "every-helper", settings: object(#"{"frames": "1-5"}"#))
            #expect(compiled.tasks.map(\.dependencies) == [[], [0], [1, 0]])
            #expect(compiled.settings["chunk_size"] == .int(2), "the default of chunk_size")
        }
    }

    @Test func jobTypeObjectIsServedWithEveryProperty() async throws {
        try await ScriptFarm.with(files: try Self.files()) { farm in
            let served = try await farm.router { api in try await api.get("/api/v3/jobs/type/every-helper") }
            #expect(served.status == .ok)
            let type = try served.json()
            #expect(type.field("name") == .string("every-helper"))
            #expect(type.field("label") == .string("Every helper"))
            #expect(type.field("description") == .string("Calls each function of the author API."))
            guard case .array(let settings)? = type.field("settings") else {
                Issue.record("no settings in \(served.text)")
                return
            }
            #expect(
                settings[0]
                    == json(
                        #"""
                        {"key": "frames", "type": "string", "required": true, "choices": ["1-5", "1-5,7,9-11"],
                         "label": "Frames", "description": "Which frames.", "visible": "submission", "editable": true}
                        """#))
            #expect(
                settings[1]
                    == json(
                        #"{"key": "chunk_size", "type": "int32", "default": 2, "propargs": {"min": 1, "max": 100}}"#))
            #expect(
                settings[2]
                    == json(
                        #"""
                        {"key": "output", "type": "string", "subtype": "dir_path", "eval": "bpy.path.abspath('//render')",
                         "evalInfo": {"showLinkButton": false, "description": "Render folder"}}
                        """#))
            #expect(settings[3] == json(#"{"key": "ratio", "type": "float", "default": 0.5, "visible": "hidden"}"#))
            #expect(settings[4] == json(#"{"key": "denoise", "type": "bool", "default": true, "required": false}"#))
            let listed = try await farm.router { api in try await api.get("/api/v3/jobs/types") }
            guard case .array(let types)? = try listed.json().field("job_types") else {
                Issue.record("no job_types in \(listed.text)")
                return
            }
            #expect(
                types.compactMap { $0.field("name")?.stringValue } == [
                    "echo-sleep-test", "every-helper", "simple-blender-render",
                ])
            #expect(
                types.first { $0.field("name") == .string("every-helper") } == type, "listed exactly as served alone")
            #expect(type.field("etag")?.stringValue?.count == 16)
        }
    }

    @Test func aModuleWithoutJobTypeIsNotOffered() async throws {
        try await ScriptFarm.with(files: try Self.files()) { farm in
            #expect(await farm.jobTypes.offeredJobType(named: "naming") == nil)
            #expect(!farm.log.all.contains { $0.level >= .error }, "a module is not an error")
        }
    }

    @Test func aTaskDependingOnALaterTaskIsStoredAfterIt() async throws {
        let script = """
            const JOB_TYPE = { label: "Forward", settings: [] };
            function compileJob(job) {
                const first = author.Task("first", "misc");
                const second = author.Task("second", "misc");
                const third = author.Task("third", "misc");
                for (const task of [first, second, third]) task.addCommand(author.Command("echo", { message: task.name }));
                first.addDependency(third);
                job.addTask(first);
                job.addTask(second);
                job.addTask(third);
            }
            """
        try await ScriptFarm.with(files: ["forward.js": script]) { farm in
            let compiled = try await farm.compile(type: "forward", settings: [:])
            #expect(compiled.tasks.map(\.name) == ["third", "first", "second"])
            #expect(compiled.tasks.map(\.dependencies) == [[], [0], []])
        }
    }
}
