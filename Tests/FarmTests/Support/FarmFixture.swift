import Farm
import FarmModel
import Foundation
import Storage
import Synchronization
import Testing

/// A clock the tests set and advance by hand; every transaction of a ``FarmFixture`` reads it.
///
/// It has two faces: the wall clock (`now`) that stamps transactions, and a monotonic `uptime` since the fixture
/// was made. `advance` moves both, as time passing does; `jump` moves only the wall clock, as an operator or NTP
/// setting the time does.
final class TestClock: Sendable {
    /// 2024-05-01T10:00:00Z, a Wednesday; whole seconds, so stored timestamps compare exactly.
    static let start = Date(timeIntervalSince1970: 1_714_557_600)

    private let current = Mutex((wall: TestClock.start, uptime: Duration.zero))

    var now: Date { current.withLock { $0.wall } }

    /// Monotonic time since the fixture was made.
    var uptime: Duration { current.withLock { $0.uptime } }

    func advance(seconds: Int) {
        current.withLock {
            $0.wall += TimeInterval(seconds)
            $0.uptime += .seconds(seconds)
        }
    }

    /// Sets the wall clock `seconds` ahead (or back, when negative) without time passing.
    func jump(seconds: Int) { current.withLock { $0.wall += TimeInterval(seconds) } }
}

/// A farm over a real database file and storage folder in a fresh temporary directory, for use-case tests.
///
/// ``with(_:)`` always closes the database and removes the directory, whether the body succeeds or throws.
struct FarmFixture: Sendable {
    let folder: URL
    let database: FarmDatabase
    let context: FarmContext
    let clock: TestClock

    static func with<T: Sendable>(_ body: (FarmFixture) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-farm-\(UUID().uuidString)")
        let storageRoot = folder.appending(path: "storage")
        try FileManager.default.createDirectory(at: storageRoot, withIntermediateDirectories: true)
        let clock = TestClock()
        let database: FarmDatabase
        do {
            database = try FarmDatabase.open(
                DatabaseOptions(path: folder.appending(path: "farm.sqlite").path), clock: { clock.now })
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        let settings = FarmSettings(storageRoot: storageRoot, timeZone: TimeZone(identifier: "UTC")!)
        let fixture = FarmFixture(
            folder: folder, database: database, context: FarmContext(database: database, settings: settings),
            clock: clock)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body(fixture))
        } catch {
            outcome = .failure(error)
        }
        await database.close()
        try? FileManager.default.removeItem(at: folder)
        return try outcome.get()
    }

    // MARK: Workers

    /// Registers a worker, signs it on and reports `awake`, as the Go Worker does.
    func awakeWorker(_ name: String, types: [String] = ["misc"]) async throws -> AuthenticatedWorker {
        let worker = try await registeredWorker(name, types: types)
        let lifecycle = WorkerLifecycle(context: context)
        _ = try await lifecycle.signOn(
            worker, name: name, address: "10.0.0.1", software: "tests", canRestart: false, supportedTaskTypes: types)
        try await lifecycle.statusChanged(worker, to: .awake)
        return worker
    }

    /// Registers a worker that never signs on (no `last_seen`).
    func registeredWorker(_ name: String, types: [String] = ["misc"]) async throws -> AuthenticatedWorker {
        let worker = try await WorkerLifecycle(context: context).register(
            name: name, secret: "secret", platform: "linux", supportedTaskTypes: types, address: "10.0.0.1")
        return AuthenticatedWorker(rowID: worker.rowID, id: worker.id)
    }

    func worker(_ worker: AuthenticatedWorker) async throws -> Worker {
        let found = try await database.read { tx in try tx.workers.find(rowID: worker.rowID) }
        return try #require(found)
    }

    func setState(of worker: AuthenticatedWorker, _ state: WorkerStatusState) async throws {
        try await database.write { tx in try tx.workers.saveState(rowID: worker.rowID, state) }
    }

    /// Asks the scheduler for a task and requires one.
    func assign(_ worker: AuthenticatedWorker) async throws -> FarmTask {
        let outcome = try await TaskScheduler(context: context).scheduleTask(for: worker)
        guard case .assigned(let assignment) = outcome else { throw FixtureError("expected a task, got \(outcome)") }
        return assignment.task
    }

    // MARK: Jobs and tasks

    /// Stores a job of `count` independent `misc` tasks; `statuses` (in task order) are stored on the tasks.
    @discardableResult
    func seedJob(
        _ name: String = "job", status: JobStatus = .queued, count: Int, statuses: [TaskStatus] = []
    ) async throws -> (job: Job, tasks: [FarmTask]) {
        let tasks = (0..<count).map { index in
            CompiledTask(
                name: "\(name)-\(index)", taskType: "misc", priority: 50,
                commands: [CompiledCommand(name: "echo", parameters: [:], totalStepCount: 0)], dependencies: [])
        }
        return try await database.write { tx in
            let job = try tx.jobs.insert(
                JobRepository.Submission(
                    id: .random(), name: name, type: "test-job", priority: 50, status: status, settings: [:],
                    metadata: [:], submitterPlatform: "linux", workerTagRowID: nil, shamanCheckoutID: "", tasks: tasks))
            let stored = try tx.tasks.tasks(ofJob: job.rowID)
            for (task, taskStatus) in zip(stored, statuses) {
                try tx.tasks.setStatus(rowID: task.rowID, to: taskStatus)
            }
            return (job, try tx.tasks.tasks(ofJob: job.rowID))
        }
    }

    func job(_ id: JobID) async throws -> Job? { try await database.read { tx in try tx.jobs.find(id) } }

    func task(_ id: TaskID) async throws -> FarmTask {
        let found = try await database.read { tx in try tx.tasks.find(id) }
        return try #require(found)
    }

    func statuses(of job: Job) async throws -> [TaskStatus] {
        try await database.read { tx in try tx.tasks.tasks(ofJob: job.rowID).map(\.status) }
    }

    /// The task's log, `""` when there is none.
    func log(of task: FarmTask) -> String {
        (try? String(contentsOf: context.logs.url(job: task.jobID, task: task.id), encoding: .utf8)) ?? ""
    }

    /// The job's storage folder.
    func jobFolder(_ id: JobID) -> URL { context.settings.storageRoot.appending(path: Job.storagePath(for: id)) }
}

/// A setup step of a test did not go as expected.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
