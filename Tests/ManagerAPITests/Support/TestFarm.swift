import Farm
import FarmModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ManagerAPI
import Storage
import Synchronization
import Testing

/// A clock the tests set and advance by hand; every transaction of a ``TestFarm`` reads it.
final class ManualClock: Sendable {
    /// 2024-05-01T10:00:00Z, a Wednesday; whole seconds, so stored timestamps compare exactly.
    static let start = Date(timeIntervalSince1970: 1_714_557_600)

    private let current: Mutex<Date>

    init(_ start: Date = ManualClock.start) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(seconds: Int) { current.withLock { $0 += TimeInterval(seconds) } }
}

/// One Manager over a real database file and storage folder in a fresh temporary directory.
///
/// ``with(thresholds:_:)`` always cleans up: it stops the thumbnail pipeline (waiting for the image in hand),
/// closes the database and removes the directory, whether the body succeeds or throws.
struct TestFarm: Sendable {
    let folder: URL
    let storageRoot: URL
    let database: FarmDatabase
    let pipeline: LastRenderedPipeline
    let services: ManagerServices
    let clock: ManualClock

    /// Quiet by default: only errors (such as unexpected 500s) reach the test log.
    static let logger: Logger = {
        var logger = Logger(label: "tablao.api-tests")
        logger.logLevel = .error
        return logger
    }()

    static func with<T: Sendable>(
        thresholds: TaskFailureThresholds = .standard, storageLimits: JobStorageLimits = .standard,
        databaseFolder: URL? = nil, taskLogMaximumBytes: Int? = FarmSettings.defaultTaskLogMaximumBytes,
        _ body: (TestFarm) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-api-\(UUID().uuidString)")
        let storageRoot = folder.appending(path: "storage")
        try FileManager.default.createDirectory(at: storageRoot, withIntermediateDirectories: true)
        let clock = ManualClock()
        let database: FarmDatabase
        do {
            database = try FarmDatabase.open(
                DatabaseOptions(path: (databaseFolder ?? folder).appending(path: "farm.sqlite").path), clock: { clock.now })
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        let pipeline = LastRenderedPipeline(database: database, storageRoot: storageRoot, logger: logger)
        let settings = FarmSettings(
            storageRoot: storageRoot, failureThresholds: thresholds, timeZone: TimeZone(identifier: "UTC")!,
            storageLimits: storageLimits, taskLogMaximumBytes: taskLogMaximumBytes)
        let services = ManagerServices(context: FarmContext(database: database, settings: settings), pipeline: pipeline)
        let farm = TestFarm(
            folder: folder, storageRoot: storageRoot, database: database, pipeline: pipeline, services: services,
            clock: clock)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body(farm))
        } catch {
            outcome = .failure(error)
        }
        pipeline.stop()
        await pipeline.waitUntilIdle()
        await database.close()
        try? FileManager.default.removeItem(at: folder)
        return try outcome.get()
    }

    /// A fresh application over this farm.
    var application: some ApplicationProtocol {
        Application(router: buildRouter(services: services), logger: Self.logger)
    }

    /// Runs `body` against the router in-process (no sockets).
    func router<T: Sendable>(_ body: @Sendable (API) async throws -> T) async throws -> T {
        try await application.test(.router) { client in try await body(API(client: client)) }
    }

    /// Runs `body` against a live HTTP server on a free local port, built as `tablao serve` builds it with `connections`.
    func live<T: Sendable>(
        connections: ConnectionSettings, _ body: @Sendable (API, Int) async throws -> T
    ) async throws -> T {
        let application = buildApplication(
            services: services, host: "127.0.0.1", port: 0, connections: connections, logger: Self.logger)
        return try await application.test(.live) { client in
            try await body(API(client: client), try #require(client.port))
        }
    }

    /// Runs `body` against a live HTTP server on a free local port.
    func live<T: Sendable>(_ body: @Sendable (API, Int) async throws -> T) async throws -> T {
        try await application.test(.live) { client in
            try await body(API(client: client), try #require(client.port))
        }
    }
}

// MARK: - Seeding and reading the database

/// A job stored by a test, with its tasks in job order.
struct SeededJob: Sendable {
    let job: FarmModel.Job
    let tasks: [FarmTask]

    var id: JobID { job.id }
    func task(_ index: Int) -> FarmTask { tasks[index] }
}

/// Compiled tasks for seeding.
enum Seed {
    /// A task with one `echo` command; `steps` is the command's `total_step_count` (0 → one step).
    static func task(
        _ name: String, type: String = "misc", priority: Int = 50, steps: Int = 0, dependencies: [Int] = []
    ) -> CompiledTask {
        CompiledTask(
            name: name, taskType: type, priority: priority,
            commands: [CompiledCommand(name: "echo", parameters: ["message": .string(name)], totalStepCount: steps)],
            dependencies: dependencies)
    }

    /// `count` independent `misc` tasks named `<prefix>-<n>`.
    static func tasks(_ count: Int, prefix: String = "task", type: String = "misc") -> [CompiledTask] {
        (0..<count).map { task("\(prefix)-\($0)", type: type) }
    }
}

extension TestFarm {
    @discardableResult
    func seedJob(
        name: String = "job", type: String = "test-job", priority: Int = 50, status: JobStatus = .queued,
        tagRowID: Int64? = nil, settings: [String: JSONValue] = [:], tasks: [CompiledTask]
    ) async throws -> SeededJob {
        try await database.write { tx in
            let job = try tx.jobs.insert(
                JobRepository.Submission(
                    id: .random(), name: name, type: type, priority: priority, status: status, settings: settings,
                    metadata: [:], submitterPlatform: "linux", workerTagRowID: tagRowID, shamanCheckoutID: "",
                    tasks: tasks))
            return SeededJob(job: job, tasks: try tx.tasks.tasks(ofJob: job.rowID))
        }
    }

    func job(_ id: JobID) async throws -> FarmModel.Job {
        let found = try await database.read { tx in try tx.jobs.find(id) }
        return try #require(found)
    }

    func task(_ id: TaskID) async throws -> FarmTask {
        let found = try await database.read { tx in try tx.tasks.find(id) }
        return try #require(found)
    }

    func task(_ text: String) async throws -> FarmTask { try await task(TaskID(unchecked: text)) }

    func tasks(of job: JobID) async throws -> [FarmTask] {
        try await database.read { tx in
            guard let job = try tx.jobs.find(job) else { return [] }
            return try tx.tasks.tasks(ofJob: job.rowID)
        }
    }

    /// The (non-deleted) worker row.
    func worker(_ credentials: WorkerCredentials) async throws -> FarmModel.Worker {
        let found = try await database.read { tx in try tx.workers.find(WorkerID(unchecked: credentials.id)) }
        return try #require(found)
    }

    /// Stores a status and pending request for a worker directly.
    func setState(of credentials: WorkerCredentials, _ state: WorkerStatusState) async throws {
        let rowID = try await worker(credentials).rowID
        try await database.write { tx in try tx.workers.saveState(rowID: rowID, state) }
    }

    /// Soft-deletes a worker as the worker-management API does.
    func softDelete(_ credentials: WorkerCredentials) async throws {
        let rowID = try await worker(credentials).rowID
        try await database.write { tx in try tx.workers.softDelete(rowID: rowID) }
    }

    func setJobStatus(_ job: JobID, _ status: JobStatus) async throws {
        let rowID = try await self.job(job).rowID
        try await database.write { tx in try tx.jobs.setStatus(rowID: rowID, to: status) }
    }

    /// The task's log file, `""` when there is none.
    func log(of task: FarmTask) -> String {
        let url = storageRoot.appending(path: "job-\(task.jobID.rawValue.prefix(4))/\(task.jobID.rawValue)/task-\(task.id.rawValue).txt")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// The job's storage folder.
    func folder(of job: JobID) -> URL {
        storageRoot.appending(path: "job-\(job.rawValue.prefix(4))/\(job.rawValue)")
    }
}
