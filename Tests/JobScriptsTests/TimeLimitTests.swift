import Farm
import FarmModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import JobScripts
import Logging
import Synchronization
import Testing

/// A script that never ends is stopped at the time limit and answered 400, while the Manager goes on serving
/// other requests, other job types and other scripts.
@Suite("Job-type scripts: the time limit")
struct TimeLimitTests {
    static let endless = """
        const JOB_TYPE = { label: "Endless", settings: [] };
        function compileJob(job) {
            // Catching does not help: the stop cannot be caught.
            try { for (;;) {} } catch (error) { print("caught", error); }
            const t = author.Task("never", "misc"); t.addCommand(author.Command("echo", {})); job.addTask(t);
        }
        """

    /// Spins until the test writes `lib/release.js`, then loops for good; says when it has started.
    static let heldThenEndless = """
        const JOB_TYPE = { label: "Held", settings: [] };
        function compileJob(job) {
            print("spinning");
            for (;;) {
                try { require("lib/release"); } catch (notYet) { continue; }
                for (;;) {}
            }
        }
        """

    @Test func endlessCompileIsStoppedWhileOtherRequestsAreServed() async throws {
        let files = try TestScripts.files("twin_echo_sleep_test.js").merging(["held.js": Self.heldThenEndless]) { $1 }
        try await ScriptFarm.with(timeLimit: .seconds(8), files: files) { farm in
            try await farm.live { api, port in
                let finished = Atomic<Bool>(false)
                // A read timeout well past the limit: on a loaded machine the script's 8 s take longer to run out.
                let patient = TestClient.Configuration(timeout: .seconds(120))
                async let stopped = TestClient.withClient(host: "127.0.0.1", port: port, configuration: patient) {
                    connection in
                    let reply = try await ScriptAPI(connection: connection).submit("held", settings: [:])
                    finished.store(true, ordering: .sequentiallyConsistent)
                    return reply
                }
                while !farm.log.all.contains(where: { $0.metadata["text"] == "spinning" }) {
                    try await Task.sleep(for: .milliseconds(20))
                }
                // The script is running and cannot end before lib/release.js exists (short of the 8 s limit).
                let version = try await api.get("/api/v3/version")
                let types = try await api.get("/api/v3/jobs/types")
                let native = try await api.submit("echo-sleep-test", settings: object(#"{"message": "native"}"#))
                let scripted = try await api.submit(
                    "twin-echo-sleep-test", settings: object(#"{"message": "scripted"}"#))
                let stillRunning = !finished.load(ordering: .sequentiallyConsistent)
                #expect(stillRunning, "answered while the script was running")
                #expect(version.status == .ok && types.status == .ok)
                #expect(native.status == .ok && scripted.status == .ok, "\(native.text) \(scripted.text)")

                try farm.write("lib/release.js", "// lets held.js go on into its endless loop\n")
                let reply = try await stopped
                #expect(reply.status == .badRequest)
                let message = try reply.message()
                #expect(message.contains("held.js") && message.contains("time limit of 8 s"), "\(message)")
            }
            #expect(try await farm.storedCounts().jobs == 2, "only the two other jobs are stored")
        }
    }

    @Test func aCaughtStopStillStops() async throws {
        try await ScriptFarm.with(timeLimit: .milliseconds(500), files: ["endless.js": Self.endless]) { farm in
            let reply = try await farm.router { api in try await api.submit("endless", settings: [:]) }
            #expect(reply.status == .badRequest)
            #expect(try reply.message().contains("time limit"))
            #expect(!farm.log.all.contains { $0.metadata["text"]?.hasPrefix("caught") == true })
            #expect(try await farm.storedCounts().jobs == 0)
        }
    }

    @Test func theScriptThreadWorksAgainAfterAStoppedScript() async throws {
        let files = try TestScripts.files("twin_echo_sleep_test.js").merging(["endless.js": Self.endless]) { $1 }
        try await ScriptFarm.with(timeLimit: .milliseconds(500), files: files) { farm in
            for _ in 0..<3 {
                await #expect(throws: JobCompileError.self) { try await farm.compile(type: "endless", settings: [:]) }
            }
            let compiled = try await farm.compile(
                type: "twin-echo-sleep-test", settings: object(#"{"message": "after"}"#))
            #expect(compiled.tasks.map(\.name) == ["echo", "sleep"])
        }
    }

    @Test func aFileLoopingAtTopLevelIsLeftOutAndTheOthersStay() async throws {
        let files = try TestScripts.files("twin_echo_sleep_test.js").merging([
            "spins.js":
                "const JOB_TYPE = { label: \"Spins\", settings: [] };\nwhile (true) {}\nfunction compileJob(job) {}\n"
        ]) { $1 }
        try await ScriptFarm.with(timeLimit: .milliseconds(500), files: files) { farm in
            let names = await farm.jobTypes.offeredJobTypes().map(\.definition.name)
            #expect(names == ["echo-sleep-test", "simple-blender-render", "twin-echo-sleep-test"])
            let report = farm.log.all.first { $0.level == .error && $0.metadata["script"] == "spins.js" }
            #expect(report?.metadata["error"]?.contains("time limit") == true, "\(String(describing: report))")
        }
    }
}
