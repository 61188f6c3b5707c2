import Foundation
import ProcessSpawning
import Testing

/// A JavaScript job type dropped into the running Manager's `./scripts` folder, submitted with the real
/// `tablao submit`, and run to completion by the real `tablao worker` processes.
@Suite("Scripted job type end to end", .serialized, .timeLimit(.minutes(4)))
struct ScriptedJobEndToEndTests {
    /// A studio's job type: a greeting, then a sleep per shot, each waiting for the greeting.
    static let script = """
        const JOB_TYPE = {
            label: "Studio Greeting",
            settings: [
                { key: "greeting", type: "string", required: true },
                { key: "shots", type: "string", default: "1-2" },
            ],
        };

        function compileJob(job) {
            const hello = author.Task("hello", "misc");
            hello.addCommand(author.Command("echo", { message: `${job.settings.greeting} from ${job.name}` }));
            job.addTask(hello);
            for (const shot of frameChunker(job.settings.shots, 1)) {
                const rest = author.Task(`rest-${shot}`, "misc");
                rest.addCommand(author.Command("sleep", { duration_in_seconds: 1 }));
                rest.addDependency(hello);
                job.addTask(rest);
            }
            job.settings.compiled_by = "studio_greeting.js";
        }
        """

    @Test("tablao submit of a scripted job type is compiled by the script and run by tablao worker")
    func scriptedJobRunsOnRealWorkers() async throws {
        try await EndToEndFarm.run { farm in
            // Written while the Manager runs: the next request sees it.
            let scripts = farm.folder.root.appending(path: "scripts")
            try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
            try Self.script.write(to: scripts.appending(path: "studio_greeting.js"), atomically: true, encoding: .utf8)

            let binary = try #require(TablaoBinary.locate(), "\(TablaoBinary.missingMessage)")
            let submitted = try await Self.runToEnd(
                binary,
                [
                    "submit", "--manager", farm.api.baseURL, "--type", "studio-greeting", "--name", "scripted-e2e",
                    "--setting", "greeting=Buenas", "--setting", "shots=3-5",
                ])
            #expect(submitted.status == 0, "tablao submit: \(submitted.output)")
            let id = String(submitted.output.split(separator: "\n").last ?? "")
            let doubleHolds = try await farm.waitUntilCompleted([id], within: .seconds(120))
            #expect(doubleHolds.isEmpty)

            let tasks = try await farm.api.tasks(ofJob: id)
            #expect(tasks.map(\.name) == ["hello", "rest-3", "rest-4", "rest-5"])
            for task in tasks {
                #expect(task.status == "completed")
                let log = try await farm.api.taskLog(task.id)
                if task.name == "hello" {
                    #expect(log.contains("Buenas from scripted-e2e"), "\(log)")
                } else {
                    #expect(log.contains("slept 1s"), "\(log)")
                }
            }
            let job = try await farm.api.get("/api/v3/jobs/\(id)")
            #expect(job.text.contains(#""compiled_by":"studio_greeting.js""#), "\(job.text)")
            FarmChecks.expectGracefulShutdown(await farm.shutDown())
        }
    }

    /// Runs the binary to its end; returns its exit status and its standard output and error together.
    static func runToEnd(_ binary: URL, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = SpawnedProcess()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TABLAO_") }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
