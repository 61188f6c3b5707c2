import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real `tablao serve` is SIGKILLed while the real `tablao worker` runs a task, the task finishes while the
/// Manager is down, and the Manager is started again on the same database: the task's queued end reaches the
/// Manager, the task is not handed out and run a second time, and the database is sound.
@Suite("Manager killed while a task finishes", .serialized, .timeLimit(.minutes(3)))
struct ManagerOutageEndToEndTests {
    static let workerName = "e2e-outage-worker"

    @Test func taskFinishedDuringAnOutageIsNotRunAgain() async throws {
        guard let binary = TablaoBinary.locate() else { throw EndToEndFailure(TablaoBinary.missingMessage) }
        let folder = try FarmFolder.create(workerNames: [Self.workerName])
        let port = try await freeLoopbackPort()
        let api = FarmAPI(baseURL: "http://127.0.0.1:\(port)")
        var manager = try await Self.startManager(binary, folder, port: port, api: api)
        let worker = try ChildProcess(
            label: Self.workerName, executable: binary,
            arguments: ["worker", "--manager", api.baseURL, "--name", Self.workerName, "--time-scale", "0.1"],
            environment: Self.environment(["TABLAO_WORKER_HOME": folder.home(ofWorker: Self.workerName).path]),
            directory: folder.home(ofWorker: Self.workerName), logURL: folder.log(ofWorker: Self.workerName))
        func diagnostics() -> String {
            "farm folder \(folder.root.path)\n--- manager:\n\(manager.logTail())\n--- worker:\n\(worker.logTail())"
        }
        do {
            let job = try await api.submit([
                "name": "outage", "type": "echo-sleep-test", "priority": 50, "submitter_platform": "linux",
                "settings": ["message": "before the outage", "sleep_duration_seconds": 4, "sleep_repeats": 1] as [String: Any],
            ])
            let sleep = try await Self.poll("the sleep task to run", within: .seconds(60), diagnostics) {
                try await api.tasks(ofJob: job.id).first { $0.name == "sleep" && $0.status == "active" }
            }

            manager.send(SIGKILL)
            #expect(await manager.waitForExit(upTo: .seconds(10))?.bySignal == true)
            // The sleep task ends while nobody answers: its end waits in the worker's queue.
            _ = try await Self.poll("the worker to finish the sleep task", within: .seconds(30), diagnostics) {
                Self.count("outcome=completed", in: worker.logURL) >= 2 ? true : nil
            }
            try await Task.sleep(for: .seconds(1))
            manager = try await Self.startManager(binary, folder, port: port, api: api)

            _ = try await Self.poll("the job to complete", within: .seconds(60), diagnostics) {
                try await api.job(job.id).status == "completed" ? true : nil
            }
            let log = try await api.taskLog(sleep.id)
            let history = TaskLogHistory(log: log)
            #expect(history.assignedWorkers.count == 1, "the sleep task was handed out again:\n\(log)")
            #expect(history.completions == 1, "\(log)")
            #expect(Self.count("outcome=completed", in: worker.logURL) == 2, "a task ran twice:\n\(diagnostics())")
        } catch {
            await worker.stop(grace: .seconds(20))
            await manager.stop(grace: .seconds(20))
            throw EndToEndFailure("\(error)\n\(diagnostics())")
        }
        #expect(await worker.stop(grace: .seconds(20)) == ChildProcess.Exit(status: 1, bySignal: false))
        #expect(await manager.stop(grace: .seconds(20)) == ChildProcess.Exit(status: 0, bySignal: false))
        let audit = try await DatabaseAudit.read(path: folder.database.path)
        #expect(audit.integrity == ["ok"])
        #expect(audit.unfinishedTasks.isEmpty && audit.unfinishedJobs.isEmpty)
        folder.remove()
    }

    /// `tablao serve` on `port`, answering `/api/v3/version`.
    private static func startManager(_ binary: URL, _ folder: FarmFolder, port: Int, api: FarmAPI) async throws
        -> ChildProcess
    {
        let manager = try ChildProcess(
            label: "manager", executable: binary,
            arguments: [
                "serve", "--listen", "127.0.0.1:\(port)", "--database", folder.database.path, "--storage",
                folder.storage.path, "--log-level", "info",
            ],
            environment: environment(EndToEndFarm.managerSettings), directory: folder.root, logURL: folder.managerLog)
        _ = try await poll("the Manager to answer", within: .seconds(60), { manager.logTail() }) {
            if let exit = manager.exit { throw EndToEndFailure("the Manager \(exit)") }
            return try? await api.get("/api/v3/version").status == 200 ? true : nil
        }
        return manager
    }

    private static func environment(_ extra: [String: String]) -> [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TABLAO_") }.merging(extra) { $1 }
    }

    /// How often `text` occurs in the file.
    private static func count(_ text: String, in file: URL) -> Int {
        ((try? String(contentsOf: file, encoding: .utf8)) ?? "").components(separatedBy: text).count - 1
    }

    /// Polls `probe` every 250 ms until it gives a value; fails with `diagnostics` after `limit`.
    private static func poll<T>(
        _ what: String, within limit: Duration, _ diagnostics: () -> String, _ probe: () async throws -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let value = try await probe() { return value }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw EndToEndFailure("timed out after \(limit) waiting for \(what)\n\(diagnostics())")
    }
}
