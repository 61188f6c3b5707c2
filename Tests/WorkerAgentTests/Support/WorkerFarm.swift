import Farm
import FarmModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ManagerAPI
import Storage
import Testing

/// A real Manager over a fresh database and storage folder, served live on a local port for worker agents
/// (adapted from ManagerAPITests' TestFarm).
struct WorkerFarm: Sendable {
    let folder: URL
    let storageRoot: URL
    let database: FarmDatabase
    let services: ManagerServices

    static let logger: Logger = {
        var logger = Logger(label: "tablao.worker-tests.manager")
        logger.logLevel = .error
        return logger
    }()

    /// Runs `body` with a live Manager and its base URL, then tears everything down; with a `recorder`, every
    /// request the Manager receives is recorded there.
    static func with<T: Sendable>(
        thresholds: TaskFailureThresholds = .standard, recorder: RequestRecorder? = nil,
        _ body: @Sendable (WorkerFarm, String) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-worker-\(UUID().uuidString)")
        let storageRoot = folder.appending(path: "storage")
        try FileManager.default.createDirectory(at: storageRoot, withIntermediateDirectories: true)
        let database = try FarmDatabase.open(DatabaseOptions(path: folder.appending(path: "farm.sqlite").path))
        let pipeline = LastRenderedPipeline(database: database, storageRoot: storageRoot, logger: logger)
        let settings = FarmSettings(
            storageRoot: storageRoot, failureThresholds: thresholds, timeZone: TimeZone(identifier: "UTC")!)
        let services = ManagerServices(context: FarmContext(database: database, settings: settings), pipeline: pipeline)
        let farm = WorkerFarm(folder: folder, storageRoot: storageRoot, database: database, services: services)
        let application = Application(
            responder: RecordingResponder(inner: buildRouter(services: services).buildResponder(), recorder: recorder),
            logger: logger)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(
                try await application.test(.live) { client in
                    try await body(farm, "http://127.0.0.1:\(try #require(client.port))")
                })
        } catch {
            outcome = .failure(error)
        }
        pipeline.stop()
        await pipeline.waitUntilIdle()
        await database.close()
        try? FileManager.default.removeItem(at: folder)
        return try outcome.get()
    }

    /// A private folder for one test's worker files.
    func workerHome(_ name: String = "worker") -> String { folder.appending(path: name).path }

    /// Stores a queued job with the given tasks directly.
    func seedJob(tasks: [CompiledTask]) async throws -> JobID {
        try await database.write { tx in
            let job = try tx.jobs.insert(
                JobRepository.Submission(
                    id: .random(), name: "seeded", type: "test-job", priority: 50, status: .queued, settings: [:],
                    metadata: [:], submitterPlatform: "linux", workerTagRowID: nil, shamanCheckoutID: "",
                    tasks: tasks))
            return job.id
        }
    }

    func job(_ id: JobID) async throws -> FarmModel.Job {
        let found = try await database.read { tx in try tx.jobs.find(id) }
        return try #require(found)
    }

    func tasks(of job: JobID) async throws -> [FarmTask] {
        try await database.read { tx in
            guard let job = try tx.jobs.find(job) else { return [] }
            return try tx.tasks.tasks(ofJob: job.rowID)
        }
    }

    /// The task's log file, `""` when there is none.
    func log(of task: FarmTask) -> String {
        let url = storageRoot.appending(
            path: "job-\(task.jobID.rawValue.prefix(4))/\(task.jobID.rawValue)/task-\(task.id.rawValue).txt")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// The task's log once it holds the line of the task's change to `status`: log lines are written just after the
    /// commit, so a test that saw the status in the database may otherwise read the log a moment too early.
    func log(of task: FarmTask, once status: TaskStatus) async -> String {
        _ = await eventually { log(of: task).contains("-> \(status.rawValue)\n") }
        return log(of: task)
    }
}
