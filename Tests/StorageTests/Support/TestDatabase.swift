import FarmModel
import Foundation
import SQLite
@testable import Storage
import Testing

/// Runs `body` with a new, empty folder under the system temporary directory, removed afterwards whatever happens.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// The async form of `withTemporaryDirectory`.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

private func makeTemporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("tablao-storage-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// A fixed instant for transactions and backup names.
let testNow = Date(timeIntervalSince1970: 1_735_787_045)  // 2025-01-02 03:04:05 UTC

/// Runs `body` with a connection opened by `DatabaseOpener` on a new file, with every embedded migration applied,
/// and a storage transaction over it stamped `testNow`.
func withMigratedDatabase<T>(_ body: (Connection, StorageTransaction) throws -> T) throws -> T {
    try withTemporaryDirectory { (directory) throws in
        let options = DatabaseOptions(path: directory.appendingPathComponent("farm.sqlite").path)
        let connection = try DatabaseOpener.openConnection(options)
        _ = try DatabaseOpener.prepareSchema(connection, options: options, now: testNow)
        return try body(connection, StorageTransaction(connection: connection, now: testNow))
    }
}

/// SQLite result codes the tests compare against (values from sqlite3.h).
enum ResultCode {
    static let constraint: Int32 = 19
    /// SQLITE_CONSTRAINT | (1 << 8)
    static let constraintCheck: Int32 = 275
    /// SQLITE_CONSTRAINT | (3 << 8)
    static let constraintForeignKey: Int32 = 787
}

/// Builds farm rows through the repositories.
struct Farm {
    let tx: StorageTransaction
    var db: Connection { tx.connection }

    /// Registers a worker supporting `types`.
    @discardableResult
    func worker(_ name: String, types: [String] = ["blender"]) throws -> Worker {
        try tx.workers.register(
            WorkerRepository.Registration(
                id: .random(), name: name, address: "10.0.0.1", platform: "linux", supportedTaskTypes: types,
                secretSalt: [1, 2, 3], secretHash: [4, 5, 6]))
    }

    /// A compiled task with one command of `steps` steps.
    static func task(
        _ name: String, type: String = "blender", priority: Int = 50, steps: Int = 1, dependencies: [Int] = []
    ) -> CompiledTask {
        CompiledTask(
            name: name, taskType: type, priority: priority,
            commands: [CompiledCommand(name: "echo", parameters: ["message": .string(name)], totalStepCount: steps)],
            dependencies: dependencies)
    }

    /// Submits a job and returns it with its tasks' row IDs in job order.
    @discardableResult
    func job(
        _ name: String, priority: Int = 50, status: JobStatus = .queued, tag: WorkerTag? = nil, tasks: [CompiledTask]
    ) throws -> (job: Job, tasks: [Int64]) {
        let job = try tx.jobs.insert(
            JobRepository.Submission(
                id: .random(), name: name, type: "echo-sleep-test", priority: priority, status: status,
                settings: ["frames": .string("1-10")], metadata: ["project": "tests"], submitterPlatform: "linux",
                workerTagRowID: tag?.rowID, shamanCheckoutID: "", tasks: tasks))
        return (job, try tx.tasks.tasks(ofJob: job.rowID).map(\.rowID))
    }

    /// Creates a tag with `members`.
    func tag(_ name: String, members: [Worker]) throws -> WorkerTag {
        let tag = try tx.tags.create(id: .random(), name: name, description: "")
        for member in members {
            let current = try tx.tags.tags(ofWorker: member.rowID).map(\.id)
            try tx.tags.setTags(ofWorker: member.rowID, to: current + [tag.id])
        }
        return tag
    }

    /// The scheduler's answer for `worker`.
    func next(for worker: Worker) throws -> Int64? {
        try tx.runQueue.nextRunnableTaskRowID(
            for: RunQueue.Asker(
                workerRowID: worker.rowID, supportedTaskTypes: worker.supportedTaskTypes,
                tagRowIDs: try tx.runQueue.tagRowIDs(ofWorker: worker.rowID)))
    }

    /// A task's status.
    func status(ofTask rowID: Int64) throws -> TaskStatus? {
        try tx.tasks.find(rowID: rowID)?.status
    }
}

extension Connection {
    /// `SELECT count(*)` of a table, optionally filtered.
    func count(_ table: String, where condition: String = "1", _ arguments: SQLiteValue...) throws -> Int {
        try fetchOne("SELECT count(*) FROM \(table) WHERE \(condition)", arguments: arguments) {
            try $0.get(0, as: Int.self)
        } ?? -1
    }

    /// Names of the tables in the schema.
    func tableNames() throws -> Set<String> {
        Set(try fetchAll("SELECT name FROM sqlite_schema WHERE type = 'table'") { try $0.get(0, as: String.self) })
    }

    /// The highest version recorded in `schema_migrations`.
    func schemaVersion() throws -> Int {
        try scalar("SELECT coalesce(max(version), 0) FROM schema_migrations", as: Int.self) ?? -1
    }
}
