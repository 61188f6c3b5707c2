import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A farm of real processes: `tablao serve` on its own database and storage folder, and three `tablao worker`
/// processes, each with its own home, whose PATH starts with the fake `blender` and `ffmpeg`.
final class EndToEndFarm: Sendable {
    /// The workers' names, also the labels of their processes.
    static let workerNames = ["e2e-worker-1", "e2e-worker-2", "e2e-worker-3"]
    /// Short timeout checks (protocol.md §9), each run every second from the first second: a silent worker goes to
    /// `error` and its task back to the queue after 8 s; a task untouched for 30 s would fail, so the worker timeout
    /// always acts first on a dead worker's task.
    static let managerSettings = [
        "TABLAO_WORKER_TIMEOUT": "8s", "TABLAO_TASK_TIMEOUT": "30s", "TABLAO_TIMEOUT_CHECK_INTERVAL": "1s",
        "TABLAO_TIMEOUT_CHECK_INITIAL_DELAY": "1s",
    ]
    /// `tablao worker --time-scale`: Flamenco's waits divided by ten (idle fetch 2 s, may-i-run 1 s, log chunks
    /// after 3 s).
    static let workerTimeScale = "0.1"

    let folder: FarmFolder
    let api: FarmAPI
    let manager: ChildProcess
    let workers: [ChildProcess]

    private init(folder: FarmFolder, api: FarmAPI, manager: ChildProcess, workers: [ChildProcess]) {
        self.folder = folder
        self.api = api
        self.manager = manager
        self.workers = workers
    }

    /// Runs `body` on a new farm; every process is stopped afterwards, also when `body` throws. The folder is
    /// removed after a success (unless `TABLAO_E2E_KEEP_FOLDER` is set) and kept, its path in the error, after a
    /// failure.
    static func run<T>(hangFrame: Int? = nil, _ body: (EndToEndFarm) async throws -> T) async throws -> T {
        let farm = try await start(hangFrame: hangFrame)
        do {
            let result = try await body(farm)
            await farm.shutDown()
            if ProcessInfo.processInfo.environment["TABLAO_E2E_KEEP_FOLDER"] == nil { farm.folder.remove() }
            return result
        } catch {
            let diagnostics = await farm.diagnostics()
            await farm.shutDown()
            if error is EndToEndFailure { throw error }
            throw EndToEndFailure("\(error)\n\(diagnostics)")
        }
    }

    /// The worker process named `name`.
    func worker(named name: String) throws -> ChildProcess {
        guard let worker = workers.first(where: { $0.label == name }) else {
            throw EndToEndFailure("no worker process named \(name)")
        }
        return worker
    }

    /// Polls `probe` every 250 ms until it is done. Throws, with the children's output, when `limit` passes, when
    /// the Manager exits, or at once when `probe` throws an ``EndToEndFailure``; other errors count as "not yet".
    func waitFor<T>(_ what: String, within limit: Duration, _ probe: () async throws -> Poll<T>) async throws -> T {
        let deadline = ContinuousClock.now + limit
        var lastState = "(never looked)"
        while true {
            do {
                switch try await probe() {
                case .done(let value): return value
                case .waiting(let state): lastState = state
                }
            } catch let failure as EndToEndFailure {
                throw EndToEndFailure("\(failure.description)\n\(await diagnostics())")
            } catch {
                lastState = "probe failed: \(error)"
            }
            if let exit = manager.exit {
                throw EndToEndFailure("the Manager \(exit) while waiting for \(what)\n\(await diagnostics())")
            }
            if ContinuousClock.now >= deadline {
                throw EndToEndFailure(
                    "timed out after \(limit) waiting for \(what); last state:\n\(lastState)\n\(await diagnostics())")
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    /// Waits until every job in `jobIDs` is `completed` (any `failed` or `canceled` job ends the wait at once).
    ///
    /// - Returns: what the polls saw of workers holding two active tasks of one job at the same time (each look is
    ///   one answer of `GET /jobs/{id}/tasks`, a consistent snapshot); empty when that never happened.
    func waitUntilCompleted(_ jobIDs: [String], within limit: Duration) async throws -> [String] {
        var doubleHolds: [String] = []
        try await waitFor("jobs \(jobIDs) to complete", within: limit) { () async throws -> Poll<Void> in
            var states: [String] = []
            var allCompleted = true
            for id in jobIDs {
                let job = try await api.job(id)
                let tasks = try await api.tasks(ofJob: id)
                let taskStates = tasks.map { "\($0.name)=\($0.status)@\($0.worker?.name ?? "-")" }
                states.append("\(job.name): \(job.status) [\(taskStates.joined(separator: ", "))]")
                if job.status == "failed" || job.status == "canceled" {
                    throw EndToEndFailure("job \(job.name) became \(job.status): \(states.joined(separator: "\n"))")
                }
                allCompleted = allCompleted && job.status == "completed"
                let active = Dictionary(grouping: tasks.filter { $0.status == "active" }) { $0.worker?.id ?? "" }
                for (worker, held) in active where held.count > 1 {
                    doubleHolds.append("worker \(worker) held \(held.map(\.name)) at once")
                }
            }
            return allCompleted ? .done(()) : .waiting(states.joined(separator: "\n"))
        }
        return doubleHolds
    }

    /// How the processes ended on a graceful shutdown.
    struct Shutdown: Sendable {
        /// Worker name → how it ended (nil: it had to be SIGKILLed and would not even die then).
        var workers: [String: ChildProcess.Exit?] = [:]
        var manager: ChildProcess.Exit?
    }

    /// SIGTERM to the workers (they sign off, then exit), then to the Manager; SIGKILL for anything still running
    /// after the grace periods. Safe to call again: processes that ended are left alone.
    @discardableResult
    func shutDown() async -> Shutdown {
        var report = Shutdown()
        await withTaskGroup(of: (String, ChildProcess.Exit?).self) { group in
            for worker in workers {
                group.addTask { (worker.label, await worker.stop(grace: .seconds(25))) }
            }
            for await (name, exit) in group { report.workers.updateValue(exit, forKey: name) }
        }
        report.manager = await manager.stop(grace: .seconds(30))
        return report
    }

    /// The folder, how each process stands, the end of each one's output, and the fake Blender's ledger.
    func diagnostics() async -> String {
        var text = "farm folder: \(folder.root.path)\n"
        for child in [manager] + workers {
            let state = child.exit.map(\.description) ?? "running"
            text += "--- \(child.label) (pid \(child.pid), \(state)), end of \(child.logURL.lastPathComponent):\n"
            text += child.logTail() + "\n"
        }
        let ledger = (try? String(contentsOf: folder.ledger, encoding: .utf8)) ?? "(empty)"
        text += "--- fake Blender ledger:\n\(ledger)"
        return text
    }

    // MARK: Start-up

    private static func start(hangFrame: Int?) async throws -> EndToEndFarm {
        guard let binary = TablaoBinary.locate() else { throw EndToEndFailure(TablaoBinary.missingMessage) }
        let folder = try FarmFolder.create(workerNames: workerNames)
        let (manager, api) = try await startManager(binary: binary, folder: folder)
        var workers: [ChildProcess] = []
        do {
            for name in workerNames {
                workers.append(
                    try startWorker(
                        name: name, binary: binary, folder: folder, managerURL: api.baseURL, hangFrame: hangFrame))
            }
        } catch {
            for child in [manager] + workers { child.send(SIGKILL) }
            throw EndToEndFailure("cannot start the workers: \(error); farm folder \(folder.root.path)")
        }
        let farm = EndToEndFarm(folder: folder, api: api, manager: manager, workers: workers)
        do {
            try await farm.waitFor("the three workers to be awake", within: .seconds(60)) {
                () async throws -> Poll<Void> in
                let awake = try await api.workers().filter { $0.status == "awake" }.map(\.name)
                return Set(awake).isSuperset(of: workerNames) ? .done(()) : .waiting("awake: \(awake)")
            }
        } catch {
            await farm.shutDown()
            throw error
        }
        return farm
    }

    /// `tablao serve` on a free port; a start that loses the port to another process is retried.
    private static func startManager(binary: URL, folder: FarmFolder) async throws -> (ChildProcess, FarmAPI) {
        var environment = inheritedEnvironment()
        environment.merge(managerSettings) { $1 }
        for _ in 1...3 {
            let port = try await freeLoopbackPort()
            let manager = try ChildProcess(
                label: "manager", executable: binary,
                arguments: [
                    "serve", "--listen", "127.0.0.1:\(port)", "--database", folder.database.path, "--storage",
                    folder.storage.path, "--log-level", "info",
                ],
                environment: environment, directory: folder.root, logURL: folder.managerLog)
            let api = FarmAPI(baseURL: "http://127.0.0.1:\(port)")
            let deadline = ContinuousClock.now + .seconds(60)
            while manager.exit == nil, ContinuousClock.now < deadline {
                if let answer = try? await api.get("/api/v3/version"), answer.status == 200 {
                    return (manager, api)
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            await manager.stop(grace: .seconds(5))
        }
        throw EndToEndFailure(
            "tablao serve did not answer; farm folder \(folder.root.path), its output:\n"
                + ((try? String(contentsOf: folder.managerLog, encoding: .utf8)) ?? ""))
    }

    private static func startWorker(
        name: String, binary: URL, folder: FarmFolder, managerURL: String, hangFrame: Int?
    ) throws -> ChildProcess {
        var environment = inheritedEnvironment()
        environment["TABLAO_WORKER_HOME"] = folder.home(ofWorker: name).path
        environment["PATH"] = folder.bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["FAKE_BLENDER_LEDGER"] = folder.ledger.path
        environment["FAKE_BLENDER_STATE"] = folder.fakeBlenderState.path
        if let hangFrame { environment["FAKE_BLENDER_HANG_FRAME"] = String(hangFrame) }
        return try ChildProcess(
            label: name, executable: binary,
            arguments: ["worker", "--manager", managerURL, "--name", name, "--time-scale", workerTimeScale],
            environment: environment, directory: folder.home(ofWorker: name), logURL: folder.log(ofWorker: name))
    }

    /// This process's environment without `TABLAO_*` variables (the children get only the settings given here).
    private static func inheritedEnvironment() -> [String: String] {
        ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("TABLAO_") && !$0.key.hasPrefix("FAKE_BLENDER_")
        }
    }
}
