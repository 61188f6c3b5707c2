import ArgumentParser
import Farm
import FarmModel
import Foundation
import Storage

/// `tablao-bench scheduler`: the cost of one scheduling transaction (find the next task, assign it, mark it
/// active, roll the job up, log) at several queue depths, as medians, with the ratio of the deepest to the shallowest.
struct SchedulerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler", abstract: "Median cost of finding and assigning the next task at several depths.")

    @Option(name: .long, parsing: .upToNextOption, help: "Queue depths in tasks.")
    var depths: [Int] = [1_000, 100_000, 1_000_000]
    @Option(name: .long, help: "Assignments measured per depth.") var assignments: Int = 2_000
    @Option(name: .long, help: "Folder for the scratch databases.") var scratch: String = NSTemporaryDirectory()

    func run() async throws {
        var rows: [Row] = []
        for depth in depths {
            let result = try await measure(depth: depth)
            rows.append(result)
            print(String(format: "depth %9d: seeded in %.1f s, assign median %.1f µs", depth, result.seed, result.assign))
        }
        print("")
        print("find+assign: the storage transaction (index walk, assign, mark active, job roll-up) on the database thread;")
        print("full request: TaskScheduler.scheduleTask as a worker's request runs it, including the task-log write.")
        print("")
        print("| tasks in queue | find+assign median (µs) | p99 (µs) | full request median (µs) | p99 (µs) | no-match worker (µs) |")
        print("|---:|---:|---:|---:|---:|---:|")
        for row in rows {
            print(
                String(
                    format: "| %d | %.1f | %.1f | %.1f | %.1f | %.1f |", row.depth, row.storage, row.storageP99,
                    row.assign, row.p99, row.idle))
        }
        if let first = rows.first, let last = rows.last, rows.count > 1 {
            print(
                String(
                    format: "\nratio %d/%d tasks: find+assign %.2f, full request %.2f, no-match worker %.2f", last.depth,
                    first.depth, last.storage / first.storage, last.assign / first.assign, last.idle / first.idle))
        }
    }

    struct Row {
        var depth: Int
        var seed: Double
        var storage: Double
        var storageP99: Double
        var assign: Double
        var p99: Double
        var idle: Double
    }

    private func measure(depth: Int) async throws -> Row {
        let folder = URL(fileURLWithPath: scratch).appending(path: "tablao-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try FarmDatabase.open(DatabaseOptions(path: folder.appending(path: "farm.sqlite").path))
        let seedStart = ContinuousClock.now
        try await FarmSeeder(database: database).seed(tasks: depth)
        let seedSeconds = (ContinuousClock.now - seedStart).seconds
        let context = FarmContext(database: database, settings: FarmSettings(storageRoot: folder))
        let lifecycle = WorkerLifecycle(context: context)
        let workers = try await (0..<16).asyncMap { index in
            try await Self.awakeWorker(lifecycle, name: "bench-\(index)", types: ["blender", "ffmpeg"])
        }
        let idleWorker = try await Self.awakeWorker(lifecycle, name: "bench-idle", types: ["nothing-queued"])
        let scheduler = TaskScheduler(context: context)
        let updates = TaskUpdates(context: context)
        // The seeded farm keeps about half its tasks runnable; each phase takes at most a quarter of the depth.
        let perPhase = min(assignments, max(1, depth / 4))
        let storageSamples = try await measureStorage(
            database: database, workers: workers, updates: updates, count: perPhase)
        var samples: [Double] = []
        var idleSamples: [Double] = []
        for index in 0..<perPhase {
            let worker = workers[index % workers.count]
            let start = ContinuousClock.now
            let outcome = try await scheduler.scheduleTask(for: worker)
            samples.append((ContinuousClock.now - start).seconds * 1e6)
            guard case .assigned(let assignment) = outcome else { break }
            _ = try await updates.update(assignment.task.id, from: worker, TaskUpdateInput(status: .completed))
            if index % 10 == 0 {
                let idleStart = ContinuousClock.now
                _ = try await scheduler.scheduleTask(for: idleWorker)
                idleSamples.append((ContinuousClock.now - idleStart).seconds * 1e6)
            }
        }
        await database.close()
        return Row(
            depth: depth, seed: seedSeconds, storage: storageSamples.median, storageP99: storageSamples.percentile(0.99),
            assign: samples.median, p99: samples.percentile(0.99), idle: idleSamples.median)
    }

    /// The storage-level transaction alone: what the scheduler's data path costs, without HTTP or log files.
    private func measureStorage(
        database: FarmDatabase, workers: [AuthenticatedWorker], updates: TaskUpdates, count: Int
    ) async throws -> [Double] {
        var samples: [Double] = []
        for index in 0..<count {
            let worker = workers[index % workers.count]
            let start = ContinuousClock.now
            let taskID: TaskID? = try await database.write { tx in
                let asker = RunQueue.Asker(
                    workerRowID: worker.rowID, supportedTaskTypes: ["blender", "ffmpeg"],
                    tagRowIDs: try tx.runQueue.tagRowIDs(ofWorker: worker.rowID))
                guard let rowID = try tx.runQueue.nextRunnableTaskRowID(for: asker),
                    let task = try tx.tasks.find(rowID: rowID)
                else { return nil }
                try tx.tasks.assign(rowID: rowID, to: worker.rowID)
                if let job = try tx.jobs.facts(rowID: task.jobRowID), job.status == .queued {
                    _ = try tx.tasks.counts(ofJob: task.jobRowID)
                    try tx.jobs.setStatus(rowID: task.jobRowID, to: .active)
                }
                return task.id
            }
            samples.append((ContinuousClock.now - start).seconds * 1e6)
            guard let taskID else { break }
            _ = try await updates.update(taskID, from: worker, TaskUpdateInput(status: .completed))
        }
        return samples
    }

    static func awakeWorker(_ lifecycle: WorkerLifecycle, name: String, types: [String]) async throws
        -> AuthenticatedWorker
    {
        let worker = try await lifecycle.register(
            name: name, secret: "bench", platform: "linux", supportedTaskTypes: types, address: "127.0.0.1")
        let authenticated = AuthenticatedWorker(rowID: worker.rowID, id: worker.id)
        _ = try await lifecycle.signOn(
            authenticated, name: name, address: "127.0.0.1", software: "bench", canRestart: false,
            supportedTaskTypes: types)
        try await lifecycle.statusChanged(authenticated, to: .awake)
        return authenticated
    }
}
