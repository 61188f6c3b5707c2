import Farm
import FarmModel
import Foundation
import HTTPTypes
import JobScripts
import Logging
import Testing

/// A script that fails answers 400 with an `Error` body naming the script, the line and the message, on submit
/// and on check, and stores nothing.
@Suite("Job-type scripts: compile errors")
struct CompileErrorTests {
    /// A job type whose `compileJob` body is `body` (starting on line 3 of the file).
    static func script(_ body: String) -> String {
        "const JOB_TYPE = { label: \"Failing\", settings: [] };\nfunction compileJob(job) {\n" + body + "\n}\n"
    }

    static let cases: [(body: String, expected: [String])] = [
        (#"throw new Error("no camera in this shot");"#, ["failing.js", "line 3", "Error: no camera in this shot"]),
        ("job.settings.missing.field = 1;", ["failing.js", "line 3", "TypeError"]),
        (#"frameChunker("1-x", 2);"#, ["failing.js", "line 3", "frameChunker:", "1-x"]),
        (#"frameChunker("1-10", 0);"#, ["failing.js", "frameChunker:", "chunk size 0"]),
        (#"shellSplit("unterminated 'quote");"#, ["failing.js", "shellSplit: unterminated quote"]),
        (#"require("lib/not_there");"#, ["failing.js", "no file lib/not_there.js"]),
        (#"require("../outside");"#, ["failing.js", "inside the job-types folder"]),
        (#"require("lib/broken_module");"#, ["failing.js", "lib/broken_module.js line 2", "SyntaxError"]),
        (
            #"const t = author.Task("empty", "misc"); job.addTask(t);"#,
            ["failing.js", #"task 1 "empty" has no commands"#]
        ),
        ("", ["failing.js", "added no tasks"]),
        (
            #"""
            const a = author.Task("a", "misc"); const b = author.Task("b", "misc");
            a.addCommand(author.Command("echo", {})); b.addCommand(author.Command("echo", {}));
            a.addDependency(b); b.addDependency(a); job.addTask(a); job.addTask(b);
            """#,
            ["failing.js", "cycle"]
        ),
        (
            #"""
            const a = author.Task("a", "misc"); a.addCommand(author.Command("echo", {})); a.addDependency(a);
            job.addTask(a);
            """#,
            ["failing.js", "depends on itself"]
        ),
        (
            #"""
            const a = author.Task("a", "misc"); const ghost = author.Task("ghost", "misc");
            a.addCommand(author.Command("echo", {})); a.addDependency(ghost); job.addTask(a);
            """#,
            ["failing.js", #"depends on task "ghost", which was never added"#]
        ),
        (#"job.addTask({ name: "fake" });"#, ["failing.js", "job.addTask takes a task made by author.Task"]),
        (#"author.Task("t", "");"#, ["failing.js", "task type must be a non-empty string"]),
        (
            #"const t = author.Task("t", "misc"); t.addCommand(author.Command("echo", {}, -1)); job.addTask(t);"#,
            ["failing.js", "totalStepCount must be a whole number of at least 0"]
        ),
        (
            #"const t = author.Task("t", "misc"); t.addCommand(author.Command("echo", "text")); job.addTask(t);"#,
            ["failing.js", "parameters must be an object"]
        ),
        (
            #"const t = author.Task("t", "misc"); t.priority = "high"; t.addCommand(author.Command("echo", {})); job.addTask(t);"#,
            ["failing.js", "priority must be a whole number"]
        ),
        (
            #"job.settings = "gone"; const t = author.Task("t", "misc"); t.addCommand(author.Command("echo", {})); job.addTask(t);"#,
            ["failing.js", "job.settings must remain an object"]
        ),
        (
            #"""
            for (let i = 0; i <= 100000; i++) { const t = author.Task("t", "misc"); job.addTask(t); }
            """#,
            ["failing.js", "more than 100000 tasks"]
        ),
    ]

    @Test(arguments: cases.indices) func failingScriptAnswers400AndStoresNothing(index: Int) async throws {
        let (body, expected) = Self.cases[index]
        let files = [
            "failing.js": Self.script(body), "lib/broken_module.js": "// a module that does not parse\nconst = 5;\n",
        ]
        try await ScriptFarm.with(files: files) { farm in
            for check in [false, true] {
                let reply = try await farm.router { api in try await api.submit("failing", settings: [:], check: check)
                }
                #expect(reply.status == .badRequest, "\(reply.text)")
                #expect(try reply.json().field("code") == .int(400))
                let message = try reply.message()
                #expect(message.hasPrefix("job type script failing.js: "), "\(message)")
                for part in expected { #expect(message.contains(part), "\(message) lacks \(part)") }
            }
            let counts = try await farm.storedCounts()
            #expect(counts.jobs == 0 && counts.tasks == 0)
            let good = try await farm.router { api in
                try await api.submit("echo-sleep-test", settings: object(#"{"message": "still fine"}"#))
            }
            #expect(good.status == .ok, "the Manager keeps compiling after a failed script")
        }
    }

    @Test func settingsAreValidatedAgainstTheScriptsDefinitionFirst() async throws {
        let script = """
            const JOB_TYPE = { label: "Typed", settings: [{ key: "count", type: "int32", required: true }] };
            function compileJob(job) { throw new Error("never reached"); }
            """
        try await ScriptFarm.with(files: ["typed.js": script]) { farm in
            let missing = try await farm.router { api in try await api.submit("typed", settings: [:]) }
            #expect(missing.status == .badRequest)
            #expect(try missing.message() == #"setting "count" is required"#)
            let wrong = try await farm.router { api in
                try await api.submit("typed", settings: object(#"{"count": "x"}"#))
            }
            #expect(try wrong.message().contains(#"setting "count" must be an integer"#))
            #expect(try await farm.storedCounts().jobs == 0)
        }
    }
}
