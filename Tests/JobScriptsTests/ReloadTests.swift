import Farm
import FarmModel
import Foundation
import HTTPTypes
import JobScripts
import Logging
import Testing

/// The folder is looked at on every job-type request: edits, new files and removals take effect at once, and a
/// broken file is reported with its line and left out without taking the others down.
@Suite("Job-type scripts: loading and reloading")
struct ReloadTests {
    static func script(label: String, setting: String = "message") -> String {
        """
        const JOB_TYPE = { label: "\(label)", settings: [{ key: "\(setting)", type: "string", default: "hi" }] };
        function compileJob(job) {
            const task = author.Task("say", "misc");
            task.addCommand(author.Command("echo", { message: job.settings.\(setting) }));
            job.addTask(task);
        }
        """
    }

    @Test func editingAFileChangesTheServedTypeAndItsEtag() async throws {
        try await ScriptFarm.with(files: ["studio_echo.js": Self.script(label: "Studio Echo")]) { farm in
            try await farm.router { api in
                let before = try await api.get("/api/v3/jobs/type/studio-echo").json()
                #expect(before.field("label") == .string("Studio Echo"))
                let oldEtag = try #require(before.field("etag")?.stringValue)

                try farm.write("studio_echo.js", Self.script(label: "Studio Echo v2", setting: "text"))
                let after = try await api.get("/api/v3/jobs/type/studio-echo").json()
                #expect(after.field("label") == .string("Studio Echo v2"))
                let newEtag = try #require(after.field("etag")?.stringValue)
                #expect(newEtag != oldEtag)
                let listed = try await api.get("/api/v3/jobs/types").json()
                guard case .array(let types)? = listed.field("job_types") else {
                    Issue.record("no job_types")
                    return
                }
                #expect(types.first { $0.field("name") == .string("studio-echo") }?.field("etag") == .string(newEtag))

                let stale = try await api.submit("studio-echo", settings: [:], etag: oldEtag)
                #expect(stale.status == .preconditionFailed)
                let current = try await api.submit("studio-echo", settings: [:], etag: newEtag)
                #expect(current.status == .ok, "\(current.text)")
                let id = try #require(try current.json().field("id")?.stringValue)
                let stored = try await farm.stored(id)
                #expect(stored.tasks.first?.commands.first?.parameters["message"] == .string("hi"))
                #expect(stored.job.settings["text"] == .string("hi"), "the new definition's default applied")
            }
        }
    }

    @Test func aNewFileIsOfferedAndARemovedOneIsNot() async throws {
        try await ScriptFarm.with { farm in
            #expect(await farm.jobTypes.offeredJobType(named: "late-comer") == nil)
            try farm.write("late_comer.js", Self.script(label: "Late"))
            #expect(await farm.jobTypes.offeredJobType(named: "late-comer")?.definition.label == "Late")
            try farm.remove("late_comer.js")
            #expect(await farm.jobTypes.offeredJobType(named: "late-comer") == nil)
            let reply = try await farm.router { api in try await api.submit("late-comer", settings: [:]) }
            #expect(reply.status == .badRequest)
        }
    }

    @Test func brokenFilesAreReportedWithTheirLineAndTheOthersStay() async throws {
        let files = [
            "good.js": Self.script(label: "Good"),
            "syntax.js":
                "const JOB_TYPE = { label: \"Syntax\", settings: [] };\n\nfunction compileJob(job) {\n  job.addTask(;\n}\n",
            "throws_at_load.js":
                "const JOB_TYPE = { label: \"Throws\", settings: [] };\nundefinedFunction();\nfunction compileJob(job) {}\n",
            "no_label.js": "const JOB_TYPE = { settings: [] };\nfunction compileJob(job) {}\n",
            "bad_setting.js":
                "const JOB_TYPE = { label: \"Bad\", settings: [{ key: \"x\", type: \"integer\" }] };\nfunction compileJob(job) {}\n",
            "no_compile.js": "const JOB_TYPE = { label: \"No compile\", settings: [] };\n",
            "echo_sleep_test.js": "const JOB_TYPE = { label: \"Broken override\" ;\n",
        ]
        try await ScriptFarm.with(files: files) { farm in
            let listed = try await farm.router { api in try await api.get("/api/v3/jobs/types") }
            #expect(listed.status == .ok)
            guard case .array(let types)? = try listed.json().field("job_types") else {
                Issue.record("no job_types in \(listed.text)")
                return
            }
            #expect(
                types.compactMap { $0.field("name")?.stringValue } == [
                    "echo-sleep-test", "good", "simple-blender-render",
                ])
            #expect(
                types.first?.field("label") == .string("Echo Sleep Test"), "a broken override leaves the built-in type")

            let errors = farm.log.all.filter { $0.level == .error }
            func report(_ file: String) -> RecordingLogHandler.Entry? { errors.first { $0.metadata["script"] == file } }
            #expect(report("syntax.js")?.metadata["line"] == "4")
            #expect(report("syntax.js")?.metadata["error"]?.contains("SyntaxError") == true)
            #expect(report("throws_at_load.js")?.metadata["line"] == "2")
            #expect(report("no_label.js")?.metadata["error"] == "JOB_TYPE.label must be a string")
            #expect(report("bad_setting.js")?.metadata["error"]?.contains("setting \"x\": type must be one of") == true)
            #expect(report("no_compile.js")?.metadata["error"] == "defines no compileJob(job) function")
            #expect(report("echo_sleep_test.js")?.metadata["line"] == "1")
            #expect(errors.count == 6, "each broken file reported once: \(errors.map(\.metadata))")

            let good = try await farm.router { api in try await api.submit("good", settings: [:]) }
            #expect(good.status == .ok)
            let broken = try await farm.router { api in try await api.submit("syntax", settings: [:]) }
            #expect(broken.status == .badRequest)
            #expect(try broken.message().contains("syntax"))
        }
    }

    @Test func twoFilesGivingOneNameKeepTheFirst() async throws {
        let files = [
            "studio_echo.js": Self.script(label: "Underscores"), "studio-echo.js": Self.script(label: "Dashes"),
        ]
        try await ScriptFarm.with(files: files) { farm in
            // "studio-echo.js" sorts before "studio_echo.js".
            #expect(await farm.jobTypes.offeredJobType(named: "studio-echo")?.definition.label == "Dashes")
            #expect(farm.log.all.contains { $0.level == .error && $0.metadata["script"] == "studio_echo.js" })
        }
    }
}
