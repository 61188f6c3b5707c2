import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real `tablao serve` and three real `tablao worker` processes, driven only over HTTP, render with a fake
/// Blender and FFmpeg (Fixtures/) that print what the real ones print and write real files (issue 8).
@Suite("Farm end to end: tablao serve and three tablao worker processes", .serialized, .timeLimit(.minutes(4)))
struct FarmEndToEndTests {
    @Test("Three workers complete an echo-sleep-test job and a simple-blender-render job, each task exactly once")
    func threeWorkersCompleteBothJobs() async throws {
        try await EndToEndFarm.run { farm in
            let echo = try await farm.api.submit(
                JobSubmissions.echoSleep(name: "e2e-echo", message: "Hola from the end-to-end test", sleeps: 3))
            let render = try await farm.api.submit(
                JobSubmissions.render(name: "e2e-render", frames: "1-12", chunkSize: 3, folder: farm.folder))
            let doubleHolds = try await farm.waitUntilCompleted([echo.id, render.id], within: .seconds(120))
            #expect(doubleHolds.isEmpty)

            let echoTasks = try await farm.api.tasks(ofJob: echo.id)
            let renderTasks = try await farm.api.tasks(ofJob: render.id)
            #expect(echoTasks.map(\.name) == ["echo", "sleep", "sleep", "sleep"])
            #expect(
                renderTasks.map(\.name) == ["preview-video", "render-1-3", "render-10-12", "render-4-6", "render-7-9"])
            var holders: [String: String] = [:]
            for task in echoTasks + renderTasks {
                #expect(task.status == "completed")
                let log = try await farm.api.taskLog(task.id)
                let history = TaskLogHistory(log: log)
                #expect(history.completions == 1, "\(task.name) completed \(history.completions) times:\n\(log)")
                #expect(history.assignedWorkers.count == 1, "\(task.name) was assigned more than once:\n\(log)")
                #expect(history.overlappingHolds.isEmpty, "\(task.name): \(history.overlappingHolds)")
                holders[task.id] = history.assignedWorkers.last
                switch task.name {
                case "echo": #expect(log.contains("echo: \"Hola from the end-to-end test\""))
                case "sleep": #expect(log.contains("slept 1s"))
                case "preview-video": #expect(log.contains("-pattern_type glob") && log.contains("Lsize="))
                default:
                    #expect(log.contains("going to run:") && log.contains("Fra:") && log.contains("Saved: '"))
                }
            }
            let farmWorkers = try await farm.api.workers().filter { EndToEndFarm.workerNames.contains($0.name) }
            #expect(Set(holders.values) == Set(farmWorkers.map(\.id)), "not all three workers ran tasks")

            let ledger = RenderLedger(contentsOf: farm.folder.ledger)
            for chunk in ["1..3", "4..6", "7..9", "10..12"] {
                #expect(ledger.entries(forFrames: chunk).map(\.event) == ["start", "done"], "\(ledger.entries)")
            }
            #expect(ledger.overlaps.isEmpty)
            #expect(Set(ledger.entries.map(\.worker)).isSubset(of: Set(farm.workers.map(\.pid))))

            let renderJob = try await farm.api.job(render.id)
            try FarmChecks.expectRenderedOutput(of: renderJob, frames: 1...12, submittedFrames: "1-12")
            try await FarmChecks.expectLastRendered(of: renderJob, farm: farm)

            FarmChecks.expectGracefulShutdown(await farm.shutDown())
            let audit = try await DatabaseAudit.read(path: farm.folder.database.path)
            FarmChecks.expectSoundDatabase(audit)
            for (task, worker) in holders { #expect(audit.taskHolders[task] == worker) }
            #expect(
                audit.workerStatuses
                    == Dictionary(uniqueKeysWithValues: EndToEndFarm.workerNames.map { ($0, "offline") }))
        }
    }

    @Test(
        "A worker SIGKILLed mid-task loses no acknowledged update; after the timeout another worker finishes its task")
    func killedWorkersTaskIsFinishedByAnother() async throws {
        // The fake Blender stalls on frame 5 once, printing sample lines until its worker is gone.
        try await EndToEndFarm.run(hangFrame: 5) { farm in
            let render = try await farm.api.submit(
                JobSubmissions.render(name: "e2e-kill", frames: "1-9", chunkSize: 3, folder: farm.folder))
            let stalled = try #require(try await farm.api.tasks(ofJob: render.id).first { $0.name == "render-4-6" })

            // Wait for the Manager to have acknowledged both a step (frame 4 done) and a log chunk with frame 5.
            let (victimID, victimName, acknowledgedLine) = try await farm.waitFor(
                "render-4-6 to report a step and log frame 5", within: .seconds(60)
            ) { () async throws -> Poll<(String, String, String)> in
                let task = try await farm.api.task(stalled.id)
                let log = try await farm.api.taskLog(stalled.id)
                guard task.status == "active", task.stepsCompleted >= 1, let worker = task.worker,
                    let line = log.split(separator: "\n").last(where: {
                        $0.contains("> Fra:5 ") && $0.contains("Sample")
                    })
                else { return .waiting("\(task.status), \(task.stepsCompleted) steps, log:\n\(log.suffix(600))") }
                return .done((worker.id, worker.name, String(line)))
            }
            let victim = try farm.worker(named: victimName)
            victim.send(SIGKILL)
            let victimExit = await victim.waitForExit(upTo: .seconds(10))
            #expect(victimExit == ChildProcess.Exit(status: SIGKILL, bySignal: true))

            let doubleHolds = try await farm.waitUntilCompleted([render.id], within: .seconds(120))
            #expect(doubleHolds.isEmpty)

            // The stalled task: the acknowledged line survived, the worker timeout requeued the task, another worker
            // completed it, once.
            let log = try await farm.api.taskLog(stalled.id)
            let history = TaskLogHistory(log: log)
            #expect(log.contains(acknowledgedLine), "the acknowledged log line is gone:\n\(log)")
            #expect(log.contains("Task was queued by Manager because worker timed out"))
            #expect(!log.contains("Task timed out"), "the task timeout, not the worker timeout, acted:\n\(log)")
            #expect(history.assignedWorkers.count == 2, "\(history.events)")
            #expect(history.assignedWorkers.first == victimID)
            let finisher = try #require(history.assignedWorkers.last)
            #expect(finisher != victimID)
            #expect(history.completions == 1, "\(history.events)")
            #expect(history.overlappingHolds.isEmpty, "\(history.overlappingHolds)")
            #expect(log.contains("skipping existing frame"), "the second run did not find frame 4 already rendered")

            // Every other task: one worker, one completion.
            for task in try await farm.api.tasks(ofJob: render.id) where task.id != stalled.id {
                #expect(task.status == "completed")
                let other = TaskLogHistory(log: try await farm.api.taskLog(task.id))
                #expect(other.completions == 1 && other.assignedWorkers.count == 1, "\(task.name): \(other.events)")
                #expect(other.overlappingHolds.isEmpty)
            }

            // Execution as the fake Blender saw it: the victim's run of 4..6 ended (orphaned) before another began.
            let ledger = RenderLedger(contentsOf: farm.folder.ledger)
            let stalledRuns = ledger.entries(forFrames: "4..6")
            #expect(stalledRuns.map(\.event) == ["start", "orphaned", "start", "done"], "\(ledger.entries)")
            #expect(stalledRuns.first?.worker == victim.pid)
            #expect(stalledRuns.last.map { $0.worker != victim.pid } == true)
            for chunk in ["1..3", "7..9"] {
                #expect(ledger.entries(forFrames: chunk).map(\.event) == ["start", "done"], "\(ledger.entries)")
            }
            #expect(ledger.overlaps.isEmpty)

            let renderJob = try await farm.api.job(render.id)
            try FarmChecks.expectRenderedOutput(of: renderJob, frames: 1...9, submittedFrames: "1-9")
            try await FarmChecks.expectLastRendered(of: renderJob, farm: farm)
            let statuses = Dictionary(uniqueKeysWithValues: try await farm.api.workers().map { ($0.name, $0.status) })
            #expect(statuses[victimName] == "error", "the silent worker was not timed out: \(statuses)")

            FarmChecks.expectGracefulShutdown(await farm.shutDown(), killedWorker: victimName)
            let audit = try await DatabaseAudit.read(path: farm.folder.database.path)
            FarmChecks.expectSoundDatabase(audit)
            #expect(audit.taskHolders[stalled.id] == finisher)
            #expect(audit.workerStatuses[victimName] == "error")
        }
    }
}

/// The hidden `--time-scale` option of `tablao worker` refuses values that would stop or reverse its waits.
@Suite("tablao worker --time-scale")
struct WorkerTimeScaleOptionTests {
    @Test(
        "A time scale that is not above 0 is a usage error (exit 64) before any Manager is contacted",
        arguments: ["0", "-1", "nan"])
    func rejectsNonPositiveScale(scale: String) async throws {
        let binary = try #require(TablaoBinary.locate(), Comment(rawValue: TablaoBinary.missingMessage))
        let folder = FileManager.default.temporaryDirectory.appending(
            path: "tablao-e2e-scale-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let worker = try ChildProcess(
            label: "worker", executable: binary,
            arguments: ["worker", "--manager", "127.0.0.1:9", "--time-scale=\(scale)"],
            environment: ["TABLAO_WORKER_HOME": folder.path, "PATH": "/usr/bin:/bin"], directory: folder,
            logURL: folder.appending(path: "worker.log"))
        let exit = await worker.waitForExit(upTo: .seconds(30))
        if exit == nil { await worker.stop(grace: .seconds(5)) }
        #expect(exit == ChildProcess.Exit(status: 64, bySignal: false), "\(worker.logTail())")
        #expect(worker.logTail().contains("--time-scale must be above 0"))
    }
}
