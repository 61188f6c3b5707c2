import FarmModel
import Foundation
import Logging
import NIOHTTP1
import ProcessSpawning
import Testing
@testable import WorkerAgent

/// worker-agent.md §8.1 items 20–24 and 27: `sleep`, `exec`, argument text, the `going to run:` block,
/// `blender-render` argv and `frames-to-video`, as the Manager received them.
@Suite(.serialized) struct CommandChecklistTests {
    /// A command context whose updates go nowhere (the Manager is unreachable, so each log "succeeds" unsent).
    private static func offlineContext(_ name: String, _ parameters: [String: WireValue]) -> CommandContext {
        var logger = Logger(label: "tablao.worker-tests.offline")
        logger.logLevel = .critical
        let sender = TaskUpdateSender(
            client: ManagerClient(baseURL: "http://127.0.0.1:1"),
            credentials: WorkerCredentials(workerID: UUID().uuidString.lowercased(), secret: "s"), logger: logger,
            buffer: nil)
        return CommandContext(
            name: name, parameters: parameters, task: TaskContext(taskID: UUID().uuidString.lowercased()),
            sender: sender, timing: AgentHarness.fastTiming, logger: logger, uploader: nil)
    }

    /// The `failed` update's activity for a task, if it failed.
    private static func failure(_ recorder: RequestRecorder, _ taskID: String) -> String {
        recorder.updates(of: taskID).last { $0.taskStatus == "failed" }?.activity ?? "<no failure>"
    }

    // MARK: item 20

    /// `sleep`: the fraction is truncated (1.9 → 1 s, `slept 1s`), 2 waits 2 s (`slept 2s`).
    @Test func sleepTruncatesAndWaits() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let (job, taskID) = try await Checklist.seed(farm, [
                Checklist.command("sleep", ["duration_in_seconds": .double(1.9)]),
                Checklist.command("sleep", ["duration_in_seconds": .int(2)]),
            ])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await Checklist.finalStatus(of: job, in: farm) == .completed)
            #expect(recorder.updates(of: taskID) == [
                .started, .logText("slept 1s"), .progress(1), .logText("slept 2s"), .progress(2), .completed,
            ])
            let requests = recorder.requests.filter { $0.path == "/api/v3/worker/task/\(taskID)" }
            try #require(requests.count == 6)
            let first = requests[1].received - (requests[0].answered ?? requests[0].received)
            let second = requests[3].received - (requests[2].answered ?? requests[2].received)
            // "slept 1s" above is logged from the very value slept; the bound below only rules out a runaway wait on
            // a loaded machine (every suite runs at once under `swift test`).
            #expect(first >= .seconds(1) && first < .milliseconds(3500), "1.9 slept \(first)")
            #expect(second >= .seconds(2) && second < .milliseconds(3500), "2 slept \(second)")
            #expect(await agent.stop() == 1)
        }
    }

    /// `sleep` refuses negative, string, boolean and `null` durations and a missing key.
    @Test(arguments: [
        ("-1", WireValue.number(-1)), ("string", .string("5")), ("bool", .bool(true)), ("null", .null),
    ])
    func sleepRefusesBadDurations(_ label: String, _ value: WireValue) async throws {
        let started = ContinuousClock.now
        do {
            try await SleepCommand.run(Self.offlineContext("sleep", ["duration_in_seconds": value]))
            Issue.record("\(label): sleep accepted \(value)")
        } catch let failure as CommandFailure {
            #expect(failure.message.contains(#""duration_in_seconds" has invalid value"#), "\(label): \(failure)")
        }
        do {
            try await SleepCommand.run(Self.offlineContext("sleep", [:]))
            Issue.record("sleep accepted a missing duration")
        } catch let failure as CommandFailure {
            #expect(failure.message.contains(#"mandatory parameter "duration_in_seconds" is missing"#))
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    /// An absurdly long `sleep` neither crashes the worker nor resists an abort.
    @Test func hugeSleepIsStillInterruptible() async throws {
        let context = Self.offlineContext("sleep", ["duration_in_seconds": .number(1e30)])
        let sleeping = Task { try await SleepCommand.run(context) }
        try await Task.sleep(for: .milliseconds(100))
        sleeping.cancel()
        await #expect(throws: CancellationError.self) { try await sleeping.value }
    }

    /// An abort during a `sleep` reports nothing at all for the task.
    @Test func abortDuringSleepReportsNothing() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let http = ManagerHTTP(baseURL: baseURL)
            let (job, taskID) = try await Checklist.seed(farm, [
                Checklist.command("sleep", ["duration_in_seconds": .int(30)]),
                Checklist.command("echo", ["message": .string("never")]),
            ])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await eventually { try await farm.tasks(of: job).first?.status == .active })
            let (status, _) = try await http.send(
                .POST, "/api/v3/jobs/\(job.rawValue)/setstatus", json: ["status": "cancel-requested", "reason": "t"])
            #expect(status == 204)
            let cancelled = ContinuousClock.now
            #expect(await eventually(within: 10) { recorder.fetches.contains { $0.received > cancelled } })
            #expect(recorder.updates(of: taskID) == [.started])
            #expect(await agent.stop() == 1)
        }
    }

    // MARK: items 21–23

    /// `exec`: argv is exactly `exe` + `args` (no shell), stdout and stderr lines carry the child's pid, exit codes
    /// and spawn errors decide the outcome; the `going to run:` line pastes into a shell with the same effect.
    @Test func execRunsArgvWithoutAShell() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(thresholds: Checklist.hardFail, recorder: recorder) { farm, baseURL in
            let printer = try Checklist.argumentPrinter(in: farm.folder)
            let tricky = [
                "$HOME", "two words", "", "it's", "*", "a\"b", "semi;colon", "tab\there", "ünï", #"back\slash"#,
            ]
            let argv = try await Checklist.seed(farm, "argv", [Checklist.exec(printer, tricky.map { .string($0) })])
            let streams = try await Checklist.seed(
                farm, "streams", [Checklist.shell("echo out $$; echo err $$ >&2; echo out2")])
            let onPath = try await Checklist.seed(
                farm, "path", [Checklist.exec("sh", [.string("-c"), .string("echo via-path")])])
            let killed = try await Checklist.seed(farm, "killed", [Checklist.shell("kill -9 $$")])
            let notFound = try await Checklist.seed(farm, "not-found", [Checklist.exec("tablao-no-such-tool")])
            let noExe = try await Checklist.seed(
                farm, "no-exe", [Checklist.command("exec", ["args": .array([.string("x")])])])
            let emptyExe = try await Checklist.seed(farm, "empty-exe", [Checklist.exec("")])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            for job in [argv, streams, onPath] {
                #expect(try await Checklist.finalStatus(of: job.job, in: farm) == .completed)
            }
            for job in [killed, notFound, noExe, emptyExe] {
                #expect(try await Checklist.finalStatus(of: job.job, in: farm) == .failed)
            }

            // argv verbatim, one pid for every line
            let argvLog = recorder.logText(of: argv.taskID)
            let printed = Checklist.outputLines(argvLog)
            #expect(printed.map(\.text) == Checklist.printedArguments(tricky))
            #expect(Set(printed.map(\.pid)).count == 1)
            // item 23: the block, shell-quoted, exactly
            let quoted = "'$HOME' 'two words' '' 'it'\"'\"'s' '*' 'a\"b' 'semi;colon' 'tab\there' 'ünï' 'back\\slash'"
            let commandLine = "\(printer) \(quoted)"
            #expect(argvLog.hasPrefix("going to run:\n\n    \(commandLine)\n\npid="))
            #expect(try Self.runInShell(commandLine) == printed.map(\.text))

            let streamed = Checklist.outputLines(recorder.logText(of: streams.taskID))
            let pid = try #require(streamed.first?.pid)
            #expect(streamed.map(\.text) == ["out \(pid)", "err \(pid)", "out2"])
            #expect(streamed.allSatisfy { $0.pid == pid })
            #expect(Checklist.outputLines(recorder.logText(of: onPath.taskID)).map(\.text) == ["via-path"])

            #expect(Self.failure(recorder, killed.taskID).contains("code -1"))
            let notFoundLog = recorder.logText(of: notFound.taskID)
            #expect(notFoundLog.hasPrefix("going to run:\n\n    tablao-no-such-tool\n\n"))
            #expect(Self.failure(recorder, notFound.taskID).contains(#"exec: "tablao-no-such-tool""#))
            for job in [noExe, emptyExe] {
                #expect(Self.failure(recorder, job.taskID).contains(#"mandatory parameter "exe" is missing"#))
                #expect(recorder.updates(of: job.taskID).count == 2)  // Started, Failed: nothing was run
            }
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 22: non-string list elements become text: `[24, 0.5, true, "x"]` → `24 0.5 true x`.
    @Test func nonStringArgumentsAreStringified() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let printer = try Checklist.argumentPrinter(in: farm.folder)
            let echo = try await Checklist.seed(
                farm, "echo", [Checklist.exec("/bin/echo", [.int(24), .double(0.5), .bool(true), .string("x")])])
            let values: [JSONValue] = [
                .int(24), .double(0.5), .bool(true), .string("x"), .int(1_000_000), .double(23.976),
            ]
            let printed = try await Checklist.seed(farm, "printed", [Checklist.exec(printer, values)])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await Checklist.finalStatus(of: echo.job, in: farm) == .completed)
            #expect(try await Checklist.finalStatus(of: printed.job, in: farm) == .completed)
            let echoLog = recorder.logText(of: echo.taskID)
            #expect(echoLog.contains("    /bin/echo 24 0.5 true x\n"))
            #expect(Checklist.outputLines(echoLog).map(\.text) == ["24 0.5 true x"])
            #expect(Checklist.outputLines(recorder.logText(of: printed.taskID)).map(\.text)
                == Checklist.printedArguments(["24", "0.5", "true", "x", "1000000", "23.976"]))
            #expect(await agent.stop() == 1)
        }
    }

    /// Runs `commandLine` through `/bin/sh -c` and returns its output lines.
    private static func runInShell(_ commandLine: String) throws -> [String] {
        let process = SpawnedProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", commandLine]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }

    // MARK: item 24

    /// `blender-render` argv: exe, split `exeArgs`, `argsBefore`, blendfile (left out when empty), `args`; a missing
    /// or non-string `blendfile` and an unsplittable `exeArgs` fail the task.
    @Test func blenderRenderBuildsItsArgv() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(thresholds: Checklist.hardFail, recorder: recorder) { farm, baseURL in
            let blender = try Checklist.argumentPrinter(in: farm.folder, named: "fake-blender")
            func render(_ parameters: [String: JSONValue]) -> [CompiledCommand] {
                var all = parameters
                all["exe"] = .string(blender)
                return [Checklist.command("blender-render", all, steps: 1)]
            }
            let full = try await Checklist.seed(farm, "full", type: "blender", render([
                "exeArgs": .string(#" --factory-startup --python-expr "import bpy; print(\"hi\")" 'a b' C:\b # note"#),
                "argsBefore": .array([.string("--before")]), "blendfile": .string("/s/scene file.blend"),
                "args": .array([.string("--render-frame"), .int(3)]),
            ]))
            let noBlendfile = try await Checklist.seed(farm, "empty-blendfile", type: "blender", render([
                "exeArgs": .string("-b -y"), "blendfile": .string(""), "args": .array([.string("-f"), .string("1")]),
            ]))
            let oddExeArgs = try await Checklist.seed(farm, "odd-exeargs", type: "blender", render([
                "exeArgs": .int(3), "blendfile": .string("/s/x.blend"),
            ]))
            let missing = try await Checklist.seed(farm, "missing", type: "blender", render(["exeArgs": .string("-b")]))
            let null = try await Checklist.seed(farm, "null", type: "blender", render(["blendfile": .null]))
            let number = try await Checklist.seed(farm, "number", type: "blender", render(["blendfile": .int(5)]))
            let unterminated = try await Checklist.seed(farm, "unterminated", type: "blender", render([
                "exeArgs": .string(#"-b "open"#), "blendfile": .string("/s/x.blend"),
            ]))
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            for job in [full, noBlendfile, oddExeArgs] {
                #expect(try await Checklist.finalStatus(of: job.job, in: farm) == .completed)
            }
            for job in [missing, null, number, unterminated] {
                #expect(try await Checklist.finalStatus(of: job.job, in: farm) == .failed)
            }
            func printed(_ taskID: String) -> [String] {
                Checklist.outputLines(recorder.logText(of: taskID)).map(\.text)
            }
            #expect(printed(full.taskID) == Checklist.printedArguments([
                "--factory-startup", "--python-expr", #"import bpy; print("hi")"#, "a b", "C:b", "--before",
                "/s/scene file.blend", "--render-frame", "3",
            ]))
            #expect(printed(noBlendfile.taskID) == Checklist.printedArguments(["-b", "-y", "-f", "1"]))
            #expect(printed(oddExeArgs.taskID) == Checklist.printedArguments(["/s/x.blend"]))
            for job in [missing, null, number] {
                let failure = Self.failure(recorder, job.taskID)
                #expect(failure.contains(#""blendfile""#), "\(failure)")
                #expect(printed(job.taskID).isEmpty)
            }
            #expect(Self.failure(recorder, unterminated.taskID).contains(#""exeArgs""#))
            #expect(await agent.stop() == 1)
        }
    }

    // MARK: item 27

    /// `frames-to-video` argv on Linux/macOS with the fps in shortest form, `-r` once per file (the stock job's own
    /// output `-r` is not repeated); a missing, zero or string fps and a missing FFmpeg fail the task cleanly.
    @Test func framesToVideoBuildsItsArgv() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(thresholds: Checklist.hardFail, recorder: recorder) { farm, baseURL in
            let ffmpeg = try Checklist.argumentPrinter(in: farm.folder, named: "fake-ffmpeg")
            func video(_ fps: JSONValue?, exe: String = ffmpeg, args: [JSONValue] = []) -> [CompiledCommand] {
                var parameters: [String: JSONValue] = [
                    "exe": .string(exe), "inputGlob": .string("/r/job/*.png"), "outputFile": .string("/r/job/out.mp4"),
                    "args": .array(args),
                ]
                parameters["fps"] = fps
                return [Checklist.command("frames-to-video", parameters)]
            }
            let stock = try await Checklist.seed(farm, "stock", type: "ffmpeg", video(
                .int(24), args: [.string("-c:v"), .string("libx264"), .string("-r"), .int(24)]))
            let ntsc = try await Checklist.seed(farm, "ntsc", type: "ffmpeg", video(.double(29.97)))
            let missing = try await Checklist.seed(farm, "missing", type: "ffmpeg", video(nil))
            let zero = try await Checklist.seed(farm, "zero", type: "ffmpeg", video(.int(0)))
            let text = try await Checklist.seed(farm, "text", type: "ffmpeg", video(.string("24")))
            let bare = try await Checklist.seed(farm, "bare", type: "ffmpeg", video(.int(24), exe: "ffmpeg"))
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            for job in [stock, ntsc] {
                #expect(try await Checklist.finalStatus(of: job.job, in: farm) == .completed)
            }
            for job in [missing, zero, text, bare] {
                #expect(try await Checklist.finalStatus(of: job.job, in: farm) == .failed)
            }
            func printed(_ taskID: String) -> [String] {
                Checklist.outputLines(recorder.logText(of: taskID)).map(\.text)
            }
            #expect(printed(stock.taskID) == Checklist.printedArguments([
                "-r", "24", "-pattern_type", "glob", "-i", "/r/job/*.png", "-c:v", "libx264", "-r", "24",
                "/r/job/out.mp4",
            ]))
            #expect(printed(ntsc.taskID) == Checklist.printedArguments([
                "-r", "29.97", "-pattern_type", "glob", "-i", "/r/job/*.png", "-r", "29.97", "/r/job/out.mp4",
            ]))
            #expect(recorder.updates(of: stock.taskID).compactMap(\.steps) == [1])
            for job in [missing, zero, text] {
                #expect(Self.failure(recorder, job.taskID).contains(#""fps""#), "\(Self.failure(recorder, job.taskID))")
            }
            if await FFmpegLocator.find() == nil {
                let failure = Self.failure(recorder, bare.taskID)
                #expect(failure.contains(#""exe""#), "\(failure)")
            }
            #expect(await agent.stop() == 1)
        }
    }
}
