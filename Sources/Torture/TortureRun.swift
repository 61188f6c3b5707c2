import AsyncHTTPClient
import FarmModel
import Foundation
import NIOCore

/// Issue 5 item 7: simulated workers drain a seeded database through the real `tablao` while it is SIGKILLed and
/// restarted, then the answers they got are checked against each other and against the database.
public enum TortureRun {
    /// Seeds, serves, drives, kills, stops and verifies; throws only if the run itself could not be set up.
    public static func run(_ configuration: TortureConfiguration) async throws -> TortureReport {
        guard configuration.workers > 0, configuration.tasks > 0, configuration.kills >= 0,
            configuration.tasksPerJob > 0
        else { throw TortureError.invalidConfiguration("workers and tasks must be positive, kills not negative") }
        guard FileManager.default.isExecutableFile(atPath: configuration.tablaoPath) else {
            throw TortureError.tablaoMissing(path: configuration.tablaoPath)
        }
        let directory =
            configuration.workDirectory
            ?? FileManager.default.temporaryDirectory.appending(
                path: "tablao-torture-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let databasePath = directory.appending(path: "farm.sqlite").path
        let jobIDs = try await TaskSeeder.seed(
            databasePath: databasePath, taskCount: configuration.tasks, tasksPerJob: configuration.tasksPerJob)
        configuration.progress("seeded \(configuration.tasks) tasks in \(jobIDs.count) jobs: \(databasePath)")

        let manager = ManagerProcess(
            executable: URL(fileURLWithPath: configuration.tablaoPath),
            port: try await ManagerProcess.freeLoopbackPort(),
            databasePath: databasePath, storagePath: directory.appending(path: "storage").path,
            logURL: directory.appending(path: "manager.log"))
        let http = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration(configuration))
        let ledger = EventLedger()
        let fault = configuration.storageFault.map {
            StorageFaultRun(injector: StorageFaultInjector(folder: directory.appending(path: "storage"), fault: $0))
        }
        if let fault {
            let prepared = fault.injector.prepare()
            fault.isMounted = prepared.mounted
            configuration.progress(
                prepared.mounted
                    ? "storage folder on a 4 MiB tmpfs; it becomes \(fault.injector.fault.rawValue) at 30 % of the tasks"
                    : "storage fault skipped: this machine does not allow mounting a tmpfs (\(prepared.reason))")
        }
        defer { if fault?.isMounted == true { fault?.injector.cleanUp() } }
        let outcome: (elapsed: Duration, timedOut: Bool, stoppedCleanly: Bool)
        do {
            try await manager.start(client: http)
            configuration.progress("manager listening on \(manager.baseURL), log: \(manager.logURL.path)")
            let started = ContinuousClock.now
            let injecting = Task {
                guard let fault, fault.isMounted else { return }
                try await fault.injectAt(completed: configuration.tasks * 3 / 10, ledger: ledger, progress: configuration.progress)
            }
            let finished = await drive(configuration, manager: manager, http: http, ledger: ledger)
            injecting.cancel()
            _ = await injecting.result
            let elapsed = ContinuousClock.now - started
            if let fault, fault.isMounted {
                fault.failuresCounted = await StorageFaultRun.taskLogWriteFailures(
                    client: ManagerClient(http: http, baseURL: manager.baseURL))
            }
            let stoppedCleanly = await manager.stop(grace: .seconds(30))
            if !stoppedCleanly { ledger.recordUnexpected("the manager did not exit with status 0 on SIGTERM") }
            outcome = (elapsed, !finished, stoppedCleanly)
        } catch {
            _ = await manager.stop(grace: .seconds(5))
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()

        let snapshot = ledger.snapshot
        var checks = await TortureVerifier.verify(
            snapshot, jobIDs: jobIDs, totalTasks: configuration.tasks, databasePath: databasePath)
        if let fault, fault.isMounted { checks.append(fault.check(snapshot)) }
        return TortureReport(
            workers: configuration.workers, tasks: configuration.tasks, killsRequested: configuration.kills,
            kills: snapshot.kills, launches: await manager.launches, seed: configuration.seed,
            elapsed: outcome.elapsed, timedOut: outcome.timedOut, assignments: snapshot.assignmentCount,
            completions: snapshot.completionCount, mayIRunCalls: snapshot.mayIRunCalls,
            connectionErrors: Dictionary(
                uniqueKeysWithValues: snapshot.connectionErrors.map { ($0.key.rawValue, $0.value) }),
            stoppedCleanly: outcome.stoppedCleanly, checks: checks,
            workDirectory: directory.path)
    }

    /// Where the kills land. With a storage fault, all before it (it strikes at 30 %): a Manager rightly refuses to
    /// start on a storage folder it cannot write, while one already running keeps serving, which is what the fault
    /// mode tests.
    private static func killWindow(_ configuration: TortureConfiguration) -> ClosedRange<Double> {
        configuration.storageFault == nil ? 0.05...0.90 : 0.05...0.25
    }

    /// Runs the workers and the killer until every task is completed (true) or the time-out (false).
    private static func drive(
        _ configuration: TortureConfiguration, manager: ManagerProcess, http: HTTPClient, ledger: EventLedger
    ) async -> Bool {
        let client = ManagerClient(http: http, baseURL: manager.baseURL)
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                let killing = Task {
                    var killer = Killer(
                        manager: manager, http: http, ledger: ledger, kills: configuration.kills,
                        totalTasks: configuration.tasks, window: killWindow(configuration),
                        random: .stream(0, of: configuration.seed), progress: configuration.progress)
                    try await killer.run()
                }
                await withTaskGroup(of: Void.self) { workers in
                    for number in 1...configuration.workers {
                        workers.addTask {
                            var worker = SimulatedWorker(
                                number: number, client: client, ledger: ledger, totalTasks: configuration.tasks,
                                mayIRunProbability: configuration.mayIRunProbability,
                                random: .stream(UInt64(number), of: configuration.seed))
                            try? await worker.run()
                        }
                    }
                }
                killing.cancel()
                _ = await killing.result
                return !Task.isCancelled
            }
            group.addTask {
                try? await Task.sleep(for: configuration.timeout)
                return false
            }
            let finished = await group.next() ?? false
            group.cancelAll()
            return finished
        }
    }

    private static func clientConfiguration(_ configuration: TortureConfiguration) -> HTTPClient.Configuration {
        var settings = HTTPClient.Configuration(
            timeout: .init(connect: .seconds(2), read: ManagerClient.requestTimeout),
            connectionPool: .init(
                idleTimeout: .seconds(120),
                concurrentHTTP1ConnectionsPerHostSoftLimit: configuration.workers + 2))
        // Fail fast while the manager is down: the workers do their own backoff and count the errors.
        settings.connectionPool.retryConnectionEstablishment = false
        settings.httpVersion = .http1Only
        return settings
    }
}
