import AsyncHTTPClient
import NIOHTTP1
import Foundation
import SQLite
import Storage
import Synchronization
import Testing

/// Issue 7: a hot backup of a live Manager (deploy/README.md "Backup") restores into a working Manager.
///
/// The real `tablao` binary serves a worker that keeps sending task updates while backups are taken both ways the
/// README gives: `sqlite3 DB ".backup FILE"` and `VACUUM INTO` (here through Storage's `Backup.copy` on a separate
/// read-only connection). Each backup, copied into a fresh directory, passes `tablao migrate verify`, and a Manager
/// started on it answers, knows the jobs and the worker (which can sign on again), and holds a consistent snapshot:
/// at least every completion acknowledged before the backup began, at most every one sent before it ended.
@Suite(.serialized)
struct HotBackupTests {
    /// Jobs of `echo-sleep-test` with this many sleep tasks each (plus one echo): more than the loop gets through.
    static let jobCount = 3
    static let sleepsPerJob = 300

    @Test(.timeLimit(.minutes(5)))
    func hotBackupTakenWhileTaskUpdatesFlowRestoresIntoAWorkingManager() async throws {
        let binary = try #require(
            TablaoBinary.locate(), "no tablao executable next to the test bundle; run swift build --product tablao first")
        let work = FileManager.default.temporaryDirectory.appending(path: "tablao-hot-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let client = HTTPClient.shared
        var passed = false
        defer {
            if passed { try? FileManager.default.removeItem(at: work) } else { print("hot backup: kept \(work.path)") }
        }

        // 1. A live Manager with jobs and a registered, awake worker.
        let live = work.appending(path: "live")
        let liveDatabase = live.appending(path: "tablao.sqlite")
        try FileManager.default.createDirectory(at: live, withIntermediateDirectories: true)  // tablao does not create it
        let manager = try await RunningManager.start(
            binary: binary, database: liveDatabase, storage: live.appending(path: "tablao-storage"),
            log: work.appending(path: "live.log"), client: client)
        let api = ManagerHTTP(client: client, baseURL: manager.baseURL)
        var jobIDs: [String] = []
        for index in 1...Self.jobCount {
            let answer = try await api.send(
                .POST, "/api/v3/jobs",
                json: jsonBody([
                    "name": "backup-job-\(index)", "type": "echo-sleep-test", "priority": 50,
                    "submitter_platform": "linux",
                    "settings": ["message": "hello \(index)", "sleep_duration_seconds": 1, "sleep_repeats": Self.sleepsPerJob],
                    "metadata": [String: String](),
                ]))
            #expect(answer.status == 200, "job submission: \(answer.status) \(answer.text)")
            jobIDs.append(try #require(answer.object?["id"] as? String, "job submission answered \(answer.text)"))
        }
        let worker = try await registerAwakeWorker(api)

        // 2. Task updates keep flowing while the backups are taken.
        let stats = UpdateStats()
        let updates = Task { try await workLoop(api: api, worker: worker, stats: stats) }
        try await stats.waitForCompletions(20, manager: manager)

        // Each backup is retried (into a fresh file) until at least one task update was acknowledged while it ran.
        let sqlite3Copy = work.appending(path: "sqlite3-backup.sqlite")
        let (before, between) = try await backupOverlappingUpdates(stats, into: sqlite3Copy) {
            let shell = try await runCommand(
                URL(fileURLWithPath: "/usr/bin/env"),
                ["sqlite3", liveDatabase.path, ".timeout 5000", ".backup '\(sqlite3Copy.path)'"])
            #expect(shell.status == 0, "sqlite3 .backup: \(shell.output)")
        }
        let vacuumCopy = work.appending(path: "vacuum-into-backup.sqlite")
        let (beforeVacuum, after) = try await backupOverlappingUpdates(stats, into: vacuumCopy) {
            try await vacuumInto(database: liveDatabase, destination: vacuumCopy)
        }
        try await stats.waitForCompletions(after.completionsAcknowledged + 5, manager: manager)

        updates.cancel()
        _ = try? await updates.value
        let ended = stats.snapshot
        #expect(ended.failures.isEmpty, "task updates failed while backing up: \(ended.failures.prefix(5))")
        #expect(ended.updatesAcknowledged > after.updatesAcknowledged, "task updates stopped after the backups")
        #expect(after.completionsSent < Self.jobCount * (Self.sleepsPerJob + 1), "the work ran out during the backups")
        print(
            "hot backup: task updates acknowledged \(before.updatesAcknowledged) before .backup, "
                + "\(between.updatesAcknowledged) after it, \(beforeVacuum.updatesAcknowledged) before VACUUM INTO, "
                + "\(after.updatesAcknowledged) after it, "
                + "\(ended.updatesAcknowledged) in all; completions acknowledged "
                + "\(before.completionsAcknowledged) before .backup, \(beforeVacuum.completionsAcknowledged) before VACUUM INTO, "
                + "\(after.completionsAcknowledged) after it")

        // 3. The live Manager stops cleanly: exit 0, WAL checkpointed away.
        let liveStatus = await manager.stop()
        #expect(liveStatus == 0, "live manager exit status \(String(describing: liveStatus)):\n\(manager.logTail)")
        #expect(
            !FileManager.default.fileExists(atPath: liveDatabase.path + "-wal"),
            "live: tablao.sqlite-wal left after a graceful shutdown (the connection was not closed)")

        // 4. Each backup restores into a fresh directory, verifies, and serves the same farm.
        try await restoreAndServe(
            sqlite3Copy, name: "sqlite3", completed: before.completionsAcknowledged...between.completionsSent,
            binary: binary, work: work, client: client, jobIDs: jobIDs, worker: worker)
        try await restoreAndServe(
            vacuumCopy, name: "vacuum-into", completed: beforeVacuum.completionsAcknowledged...after.completionsSent,
            binary: binary, work: work, client: client, jobIDs: jobIDs, worker: worker)

        passed = true
    }

    /// Copies `backup` into a fresh directory, runs `tablao migrate verify` on it, starts a Manager there and checks
    /// its jobs, its worker and its count of completed tasks.
    private func restoreAndServe(
        _ backup: URL, name: String, completed expected: ClosedRange<Int>, binary: URL, work: URL, client: HTTPClient,
        jobIDs: [String], worker: WorkerCredentials
    ) async throws {
        let directory = work.appending(path: "restored-\(name)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = directory.appending(path: "tablao.sqlite")
        try FileManager.default.copyItem(at: backup, to: database)

        let verify = try await runCommand(binary, ["migrate", "verify", "--database", database.path])
        #expect(verify.status == 0, "\(name): tablao migrate verify exited \(verify.status): \(verify.output)")
        #expect(verify.output.hasPrefix("ok: "), "\(name): \(verify.output)")

        let manager = try await RunningManager.start(
            binary: binary, database: database, storage: directory.appending(path: "tablao-storage"),
            log: work.appending(path: "restored-\(name).log"), client: client)
        let api = ManagerHTTP(client: client, baseURL: manager.baseURL)
        do {
            let version = try await api.send(.GET, "/api/v3/version")
            #expect(version.status == 200)

            let jobs = try await api.send(.GET, "/api/v3/jobs")
            let listed = ((jobs.object?["jobs"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            #expect(Set(listed) == Set(jobIDs), "\(name): jobs after restore: \(jobs.text.prefix(300))")

            var completedTasks = 0
            for job in jobIDs {
                let tasks = try await api.send(.GET, "/api/v3/jobs/\(job)/tasks")
                let statuses = ((tasks.object?["tasks"] as? [[String: Any]]) ?? []).compactMap { $0["status"] as? String }
                #expect(statuses.count == Self.sleepsPerJob + 1, "\(name): tasks of \(job): \(tasks.text.prefix(300))")
                completedTasks += statuses.count(where: { $0 == "completed" })
            }
            #expect(expected.contains(completedTasks), "\(name): \(completedTasks) completed tasks, expected \(expected)")

            let workers = try await api.send(.GET, "/api/v3/worker-mgt/workers")
            let workerIDs = ((workers.object?["workers"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            #expect(workerIDs == [worker.id], "\(name): workers after restore: \(workers.text)")
            // The worker's secret carried over: it signs on to the restored Manager without registering again.
            let signOn = try await api.send(
                .POST, "/api/v3/worker/sign-on", as: worker,
                json: jsonBody(["name": "backup-worker", "supported_task_types": ["misc"], "software_version": "test"]))
            #expect(signOn.status == 200, "\(name): sign-on after restore: \(signOn.status) \(signOn.text)")
            print("hot backup: \(name) restored: \(verify.output.trimmingCharacters(in: .whitespacesAndNewlines)); "
                + "\(completedTasks) completed tasks (expected \(expected))")
        } catch {
            _ = await manager.stop()
            throw error
        }
        let status = await manager.stop()
        #expect(status == 0, "\(name): restored manager exit status \(String(describing: status)):\n\(manager.logTail)")
        #expect(
            !FileManager.default.fileExists(atPath: database.path + "-wal"),
            "\(name): tablao.sqlite-wal left after a graceful shutdown (the connection was not closed)")
    }

    /// Runs `backup` until a task update was acknowledged while it ran (at most 20 tries, each into a fresh file);
    /// returns the update counts just before and just after the successful try.
    private func backupOverlappingUpdates(
        _ stats: UpdateStats, into file: URL, _ backup: () async throws -> Void
    ) async throws -> (before: UpdateStats.Snapshot, after: UpdateStats.Snapshot) {
        for _ in 1...20 {
            try? FileManager.default.removeItem(at: file)
            let before = stats.snapshot
            try await backup()
            let after = stats.snapshot
            if after.updatesAcknowledged > before.updatesAcknowledged { return (before, after) }
        }
        throw DeployTestError("no task update was acknowledged during any of 20 backups into \(file.lastPathComponent)")
    }

    /// `VACUUM INTO` from a separate read-only connection, as `sqlite3 DB "VACUUM INTO 'FILE'"` does.
    private func vacuumInto(database: URL, destination: URL) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                do {
                    let connection = try SQLite.Connection(path: database.path, readOnly: true)
                    connection.setBusyTimeout(milliseconds: 5_000)
                    try Backup.copy(connection, to: destination.path)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Registers a worker, signs it on and reports it awake.
    private func registerAwakeWorker(_ api: ManagerHTTP) async throws -> WorkerCredentials {
        let secret = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0 ... .max)) }.joined()
        let registered = try await api.send(
            .POST, "/api/v3/worker/register-worker",
            json: jsonBody(["name": "backup-worker", "secret": secret, "platform": "linux", "supported_task_types": ["misc"]]))
        let id = try #require(registered.object?["uuid"] as? String, "registration answered \(registered.text)")
        let worker = WorkerCredentials(id: id, secret: secret)
        let signOn = try await api.send(
            .POST, "/api/v3/worker/sign-on", as: worker,
            json: jsonBody(["name": "backup-worker", "supported_task_types": ["misc"], "software_version": "test"]))
        #expect(signOn.status == 200, "sign-on: \(signOn.text)")
        let awake = try await api.send(.POST, "/api/v3/worker/state-changed", as: worker, json: jsonBody(["status": "awake"]))
        #expect(awake.status == 204, "state-changed: \(awake.text)")
        return worker
    }
}

/// What the update loop has done so far.
final class UpdateStats: Sendable {
    struct Snapshot {
        var updatesAcknowledged = 0
        var completionsSent = 0
        var completionsAcknowledged = 0
        var failures: [String] = []
    }

    private let state = Mutex(Snapshot())

    var snapshot: Snapshot { state.withLock { $0 } }

    func update(_ change: (inout Snapshot) -> Void) { state.withLock { change(&$0) } }

    /// Waits (at most 60 s) until `count` completions were acknowledged.
    func waitForCompletions(_ count: Int, manager: RunningManager) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while snapshot.completionsAcknowledged < count {
            guard ContinuousClock.now < deadline, manager.exit.value == nil, snapshot.failures.isEmpty else {
                throw DeployTestError(
                    "waiting for \(count) completions: \(snapshot.completionsAcknowledged) so far, "
                        + "failures \(snapshot.failures.prefix(3))\n\(manager.logTail)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// One worker's loop: ask for a task, report it active, send a log line, complete it; until cancelled.
private func workLoop(api: ManagerHTTP, worker: WorkerCredentials, stats: UpdateStats) async throws {
    var sequence = 0
    while !Task.isCancelled {
        do {
            let assignment = try await api.send(.POST, "/api/v3/worker/task", as: worker)
            if assignment.status == 204 {
                try await Task.sleep(for: .milliseconds(20))
                continue
            }
            guard assignment.status == 200, let task = assignment.object?["uuid"] as? String else {
                stats.update { $0.failures.append("task request: \(assignment.status) \(assignment.text)") }
                try await Task.sleep(for: .milliseconds(50))
                continue
            }
            sequence += 1
            let bodies: [(body: Data, completes: Bool)] = [
                (jsonBody(["taskStatus": "active", "activity": "Started"]), false),
                (jsonBody(["log": "update \(sequence) while a backup may be running", "steps_completed": 1]), false),
                (jsonBody(["taskStatus": "completed", "activity": "Done"]), true),
            ]
            for (body, completes) in bodies {
                if completes { stats.update { $0.completionsSent += 1 } }
                let answer = try await api.send(.POST, "/api/v3/worker/task/\(task)", as: worker, json: body)
                guard answer.status == 204 else {
                    stats.update { $0.failures.append("update of \(task): \(answer.status) \(answer.text)") }
                    break
                }
                stats.update {
                    $0.updatesAcknowledged += 1
                    if completes { $0.completionsAcknowledged += 1 }
                }
            }
        } catch {
            if Task.isCancelled { return }
            stats.update { $0.failures.append("request failed: \(error)") }
            throw error
        }
    }
}
