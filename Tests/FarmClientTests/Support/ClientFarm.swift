import Farm
import FarmClient
import FarmModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ManagerAPI
import Storage
import Testing

/// A real Manager over a fresh database and storage folder, served live on a local port for the client
/// (adapted from WorkerAgentTests' WorkerFarm).
struct ClientFarm: Sendable {
    let folder: URL
    let database: FarmDatabase
    let baseURL: String

    static let logger: Logger = {
        var logger = Logger(label: "tablao.client-tests.manager")
        logger.logLevel = .error
        return logger
    }()

    /// Runs `body` with a live Manager, then tears everything down.
    static func with<T: Sendable>(_ body: @Sendable (ClientFarm) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-client-\(UUID().uuidString)")
        let storageRoot = folder.appending(path: "storage")
        try FileManager.default.createDirectory(at: storageRoot, withIntermediateDirectories: true)
        let database = try FarmDatabase.open(DatabaseOptions(path: folder.appending(path: "farm.sqlite").path))
        let pipeline = LastRenderedPipeline(database: database, storageRoot: storageRoot, logger: logger)
        let settings = FarmSettings(
            storageRoot: storageRoot, failureThresholds: .standard, timeZone: TimeZone(identifier: "UTC")!)
        let services = ManagerServices(context: FarmContext(database: database, settings: settings), pipeline: pipeline)
        let application = Application(router: buildRouter(services: services), logger: logger)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(
                try await application.test(.live) { client in
                    let baseURL = "http://127.0.0.1:\(try #require(client.port))"
                    return try await body(ClientFarm(folder: folder, database: database, baseURL: baseURL))
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

    /// The job types the live Manager serves, read through the client.
    static func servedCatalog() async throws -> JobTypeCatalog {
        try await with { farm in try await farm.client.jobTypes() }
    }

    /// A client of this Manager.
    var client: FarmAPIClient { FarmAPIClient(manager: baseURL) }

    /// Every job stored, read from the database itself.
    func storedJobs() async throws -> [FarmModel.Job] {
        try await database.read { tx in try tx.jobs.list() }
    }

    /// The stored job with ID `id`.
    func storedJob(_ id: String) async throws -> FarmModel.Job {
        let found = try await database.read { tx in try tx.jobs.find(JobID(unchecked: id)) }
        return try #require(found, "job \(id) is not in the database")
    }

    /// The stored tasks of job `id`.
    func storedTasks(of id: String) async throws -> [FarmTask] {
        try await database.read { tx in
            guard let job = try tx.jobs.find(JobID(unchecked: id)) else { return [] }
            return try tx.tasks.tasks(ofJob: job.rowID)
        }
    }
}
