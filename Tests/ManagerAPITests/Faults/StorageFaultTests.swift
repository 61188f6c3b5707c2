import Farm
import FarmModel
import Foundation
import HTTPTypes
import Storage
import Testing

/// The storage folder full, read-only or broken: workers keep getting and finishing tasks, the failures are counted
/// in the farm status; the database's disk full answers 503 saying so (issue 12 item 4).
@Suite(.serialized) struct StorageFaultTests {
    /// Registers a worker, takes a task, sends log lines and completes it: every answer must be a success.
    private func workerCompletesATask(_ farm: TestFarm, _ api: API) async throws -> SeededJob {
        let job = try await farm.seedJob(tasks: Seed.tasks(2))
        let worker = try await api.awakeWorker()
        let task = try #require(try await api.takeTask(worker)["uuid"].stringValue)
        expectEmpty(try await api.update(worker, task, #"{"activity": "rendering", "log": "frame 1 done"}"#), .noContent)
        try await api.report(worker, task, "completed", log: "all frames done")
        #expect(try await farm.task(TaskID(unchecked: task)).status == .completed)
        // And the next task is handed out too.
        _ = try await api.takeTask(worker)
        return job
    }

    private func storageHealth(_ api: API) async throws -> JSONValue {
        let body = try expectJSON(try await api.send(.get, "/api/v3/status"), .ok)
        #expect(try schemaProblems(body, "FarmStatusReport") == [])
        return body["tablao_storage"]
    }

    @Test func tasksAreAssignedAndCompletedWhenTheStorageFolderIsAFile() async throws {
        try await TestFarm.with { farm in
            // A file where the storage folder should be: every job folder's mkdir fails with ENOTDIR.
            try FileManager.default.removeItem(at: farm.storageRoot)
            try Data("not a folder".utf8).write(to: farm.storageRoot)
            try await farm.router { api in
                _ = try await workerCompletesATask(farm, api)
                let health = try await storageHealth(api)
                #expect((health["task_log_write_failures"].doubleValue ?? 0) >= 3)
                let last = health["last_failure"].stringValue ?? ""
                #expect(last.contains("errno \(ENOTDIR)") && last.contains(farm.storageRoot.path), "\(last)")
                #expect(health["last_failure_at"].stringValue != nil)
                // /metrics reports the same count.
                let reply = try await api.send(.get, "/metrics")
                let metrics = try PrometheusText.parse(reply.text)
                #expect(metrics.value("tablao_storage_task_log_write_failures") == health["task_log_write_failures"].doubleValue)
                #expect(metrics.value("tablao_storage_job_folder_removal_failures") == 0)
            }
        }
    }

    @Test func tasksAreAssignedAndCompletedWhenTheStorageFolderIsFull() async throws {
        try await TestFarm.with { farm in
            guard FaultyFilesystem.mountTmpfs(at: farm.storageRoot, size: "64k") else { return }
            defer { FaultyFilesystem.unmount(farm.storageRoot) }
            FaultyFilesystem.fill(farm.storageRoot)
            try await farm.router { api in
                _ = try await workerCompletesATask(farm, api)
                let health = try await storageHealth(api)
                #expect((health["task_log_write_failures"].doubleValue ?? 0) >= 1)
                #expect(health["last_failure"].stringValue?.contains("errno \(ENOSPC)") == true, "\(health)")
            }
        }
    }

    @Test func tasksAreAssignedAndCompletedAndJobsDeletedWhenTheStorageFolderIsReadOnly() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                // A job whose folder exists before the disk turns read-only, so deleting it must fail to remove it.
                let doomed = try await farm.seedJob(name: "doomed", tasks: Seed.tasks(1))
                try FileManager.default.createDirectory(at: farm.folder(of: doomed.id), withIntermediateDirectories: true)
                try Data("old log\n".utf8).write(to: farm.folder(of: doomed.id).appending(path: "task-x.txt"))
                guard FaultyFilesystem.mountReadOnly(farm.storageRoot) else { return }
                defer { FaultyFilesystem.unmount(farm.storageRoot) }
                _ = try await workerCompletesATask(farm, api)
                expectEmpty(try await api.send(.delete, "/api/v3/jobs/\(doomed.id.rawValue)"), .noContent)
                try expectError(try await api.send(.get, "/api/v3/jobs/\(doomed.id.rawValue)"), .notFound)
                let health = try await storageHealth(api)
                #expect((health["task_log_write_failures"].doubleValue ?? 0) >= 1)
                #expect(health["job_folder_removal_failures"] == .int(1))
                #expect(health["last_failure"].stringValue?.contains("errno \(EROFS)") == true, "\(health)")
            }
        }
    }

    @Test func aFullDatabaseDiskAnswers503AndLeavesNoLogLinesOfWhatWasNotStored() async throws {
        let disk = FileManager.default.temporaryDirectory.appending(path: "tablao-dbdisk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: disk) }
        guard FaultyFilesystem.mountTmpfs(at: disk, size: "2m") else { return }
        defer { FaultyFilesystem.unmount(disk) }
        try await TestFarm.with(databaseFolder: disk) { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(2))
                let worker = try await api.awakeWorker()
                let first = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                // An empty -wal: the next commit must grow it, on a disk with no room left.
                try await farm.database.checkpoint(truncate: true)
                FaultyFilesystem.fill(disk)

                let update = #"{"taskStatus": "completed", "log": "the only line of this update"}"#
                let refused = try await api.update(worker, first, update)
                let message = try expectError(refused, .serviceUnavailable)
                #expect(message.contains("disk is full"), "\(message)")
                #expect(refused.headers[.retryAfter] != nil)
                #expect(try await farm.task(TaskID(unchecked: first)).status == .active)

                FaultyFilesystem.unfill(disk)
                expectEmpty(try await api.update(worker, first, update), .noContent)
                // The refused update wrote nothing; the retried one wrote its line once.
                let log = farm.log(of: try await farm.task(TaskID(unchecked: first)))
                #expect(log.components(separatedBy: "the only line of this update").count - 1 == 1, "\(log)")

                // An assignment that could not be committed leaves no "assigned" line in the task's log.
                try await farm.database.checkpoint(truncate: true)
                FaultyFilesystem.fill(disk)
                try expectError(try await api.requestTask(worker), .serviceUnavailable)
                #expect(farm.log(of: job.task(1)) == "")
                FaultyFilesystem.unfill(disk)
                let second = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                #expect(second == job.task(1).id.rawValue)
                let assigned = farm.log(of: job.task(1)).components(separatedBy: "task assigned to worker").count - 1
                #expect(assigned == 1)
            }
        }
    }
}
