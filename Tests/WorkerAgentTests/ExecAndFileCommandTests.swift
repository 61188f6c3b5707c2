import FarmModel
import Foundation
import Testing
import WorkerAgent

/// `exec` and the file commands against a live Manager.
@Suite(.serialized) struct ExecAndFileCommandTests {
    private static func exec(_ exe: String, _ args: [String], steps: Int = 0) -> CompiledCommand {
        CompiledCommand(
            name: "exec", parameters: ["exe": .string(exe), "args": .array(args.map { .string($0) })],
            totalStepCount: steps)
    }

    @Test func failingExecReportsFailed() async throws {
        let hardFail = TaskFailureThresholds(blocklistThreshold: 3, failAfterSoftFailCount: 1)
        try await WorkerFarm.with(thresholds: hardFail) { farm, baseURL in
            let job = try await farm.seedJob(tasks: [
                CompiledTask(
                    name: "fails", taskType: "misc", priority: 50,
                    commands: [
                        Self.exec("/bin/sh", ["-c", "echo to-out; echo to-err >&2; exit 3"]),
                        Self.exec("/bin/echo", ["never"]),
                    ])
            ])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            let failed = try await eventually { try await farm.tasks(of: job).first?.status == .failed }
            #expect(failed)
            let task = try #require(try await farm.tasks(of: job).first)
            let log = await farm.log(of: task, once: .failed)
            #expect(log.contains("going to run:"))
            #expect(log.contains("/bin/sh -c 'echo to-out; echo to-err >&2; exit 3'"))
            #expect(log.range(of: #"pid=\d+ > to-out"#, options: .regularExpression) != nil)
            #expect(log.range(of: #"pid=\d+ > to-err"#, options: .regularExpression) != nil)
            #expect(log.contains("Failed: command exited abnormally with code 3"))
            #expect(!log.contains("never"))
            #expect(task.activity.contains("code 3"))
            #expect(await agent.stop() == 1)
        }
    }

    @Test func fileCommandsAndExecComplete() async throws {
        try await WorkerFarm.with { farm, baseURL in
            let root = farm.folder.appending(path: "files").path
            let source = farm.folder.appending(path: "source.txt").path
            try "content".write(toFile: source, atomically: true, encoding: .utf8)
            let job = try await farm.seedJob(tasks: [
                CompiledTask(
                    name: "files", taskType: "file-management", priority: 50,
                    commands: [
                        CompiledCommand(name: "make-directory", parameters: ["path": .string("\(root)/a/b")], totalStepCount: 0),
                        CompiledCommand(
                            name: "copy-file",
                            parameters: ["src": .string(source), "dest": .string("\(root)/a/b/c/copy.txt")],
                            totalStepCount: 0),
                        CompiledCommand(
                            name: "move-directory", parameters: ["src": .string("\(root)/a"), "dest": .string("\(root)/moved")],
                            totalStepCount: 0),
                        Self.exec("/bin/echo", ["$HOME", "two words"], steps: 2),
                    ])
            ])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            let completed = try await eventually { try await farm.job(job).status == .completed }
            #expect(completed)
            let copied = try String(contentsOfFile: "\(root)/moved/b/c/copy.txt", encoding: .utf8)
            #expect(copied == "content")
            let task = try #require(try await farm.tasks(of: job).first)
            let log = await farm.log(of: task, once: .completed)
            #expect(log.contains("make-directory: creating directory"))
            #expect(log.contains("copy-file: copied"))
            #expect(log.contains("move-directory: moving"))
            #expect(log.range(of: #"pid=\d+ > \$HOME two words"#, options: .regularExpression) != nil)
            #expect(await agent.stop() == 1)
        }
    }

    @Test func bigOutputIsSentInChunksBeforeTheProcessEnds() async throws {
        try await WorkerFarm.with { farm, baseURL in
            let go = farm.folder.appending(path: "go").path
            let line = String(repeating: "x", count: 100)
            let script = "i=0; while [ $i -lt 300 ]; do echo \"$i \(line)\"; i=$((i+1)); done; "
                + "while [ ! -e \(go) ]; do sleep 0.05; done; printf tail"
            let job = try await farm.seedJob(tasks: [
                CompiledTask(name: "chatty", taskType: "misc", priority: 50, commands: [Self.exec("/bin/sh", ["-c", script])])
            ])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            let chunked = try await eventually {
                guard let task = try await farm.tasks(of: job).first else { return false }
                return farm.log(of: task).contains("> 200 \(line)")
            }
            #expect(chunked)
            let task = try #require(try await farm.tasks(of: job).first)
            #expect(!farm.log(of: task).contains("> 299 \(line)"))  // the rest waits for more output or the end
            _ = FileManager.default.createFile(atPath: go, contents: nil)
            #expect(try await eventually { try await farm.job(job).status == .completed })
            let log = await farm.log(of: task, once: .completed)
            #expect(log.contains("> 299 \(line)"))
            #expect(log.range(of: #"pid=\d+ > tail\n"#, options: .regularExpression) != nil)
            #expect(await agent.stop() == 1)
        }
    }

    @Test func missingExecutableFailsWithTheSpawnError() async throws {
        let hardFail = TaskFailureThresholds(blocklistThreshold: 3, failAfterSoftFailCount: 1)
        try await WorkerFarm.with(thresholds: hardFail) { farm, baseURL in
            let job = try await farm.seedJob(tasks: [
                CompiledTask(
                    name: "missing", taskType: "misc", priority: 50,
                    commands: [Self.exec("/nonexistent/tool", ["a b"])])
            ])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await eventually { try await farm.tasks(of: job).first?.status == .failed })
            let task = try #require(try await farm.tasks(of: job).first)
            let log = await farm.log(of: task, once: .failed)
            #expect(log.contains("going to run:\n\n    /nonexistent/tool 'a b'\n"))
            #expect(log.contains(#"Failed: exec: "/nonexistent/tool": No such file or directory"#))
            #expect(await agent.stop() == 1)
        }
    }

    @Test func unknownCommandFails() async throws {
        let hardFail = TaskFailureThresholds(blocklistThreshold: 3, failAfterSoftFailCount: 1)
        try await WorkerFarm.with(thresholds: hardFail) { farm, baseURL in
            let job = try await farm.seedJob(tasks: [
                CompiledTask(
                    name: "odd", taskType: "misc", priority: 50,
                    commands: [CompiledCommand(name: "frobnicate", parameters: [:], totalStepCount: 0)])
            ])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            let failed = try await eventually { try await farm.tasks(of: job).first?.status == .failed }
            #expect(failed)
            let task = try #require(try await farm.tasks(of: job).first)
            #expect(farm.log(of: task).contains(#"Failed: unknown command: "frobnicate""#))
            #expect(await agent.stop() == 1)
        }
    }
}
