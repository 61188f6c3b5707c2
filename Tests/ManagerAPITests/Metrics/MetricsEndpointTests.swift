import Farm
import FarmModel
import Foundation
import HTTPTypes
import SQLite
import Storage
import Testing

/// `GET /metrics` over real HTTP and a real database file: Prometheus text that parses strictly, farm gauges equal
/// to what SQL counts in the tables, and counters that move with the work the Manager does.
@Suite struct MetricsEndpointTests {
    /// Scrapes `/metrics`, requiring a 200 in the exposition format's media type, and parses it strictly.
    private func scrape(_ api: API) async throws -> PrometheusExposition {
        let reply = try await api.send(.get, "/metrics")
        try #require(reply.status == .ok, "GET /metrics answered \(reply.status): \(reply.text)")
        #expect(reply.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
        return try PrometheusText.parse(reply.text)
    }

    /// `SELECT status, count(*) … GROUP BY status` on a connection of the test's own.
    private func sqlCounts(_ farm: TestFarm, _ table: String, where condition: String = "1") throws -> [String: Double] {
        let connection = try Connection(path: farm.database.path, readOnly: true)
        let rows = try connection.fetchAll("SELECT status, count(*) FROM \(table) WHERE \(condition) GROUP BY status") {
            (try $0.get(0, as: String.self), Double(try $0.get(1, as: Int.self)))
        }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    /// Every status of `Status` with its SQL count, 0 for those with no rows.
    private func everyStatus<Status: CaseIterable & RawRepresentable>(
        _ type: Status.Type, _ counts: [String: Double]
    ) -> [String: Double] where Status.RawValue == String {
        Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0.rawValue, counts[$0.rawValue] ?? 0) })
    }

    /// The writer reports a batch after answering its callers; a plain `run` on its thread (here a passive
    /// checkpoint) returns only once the reports of the writes before it are in.
    private func waitForWriterReports(_ farm: TestFarm) async throws {
        try await farm.database.checkpoint()
    }

    @Test func farmGaugesEqualTheDatabaseCounts() async throws {
        try await TestFarm.with { farm in
            try await farm.live { api, _ in
                // A farm in several states: tasks moved by hand, jobs in four statuses, workers awake, asleep,
                // offline and one deleted (which must not be counted).
                let rendering = try await farm.seedJob(name: "rendering", tasks: Seed.tasks(6))
                try await farm.setTaskStatuses([
                    (rendering.task(0), .completed), (rendering.task(1), .completed), (rendering.task(2), .failed),
                    (rendering.task(3), .softFailed), (rendering.task(4), .active),
                ])
                try await farm.setJobStatus(rendering.id, .active)
                let paused = try await farm.seedJob(name: "paused", tasks: Seed.tasks(3))
                try await farm.setTaskStatuses(paused.tasks.map { ($0, .paused) })
                try await farm.setJobStatus(paused.id, .paused)
                try await farm.seedJob(name: "queued", tasks: Seed.tasks(4))
                try await farm.seedJob(name: "building", status: .underConstruction, tasks: Seed.tasks(2))
                _ = try await api.awakeWorker(name: "awake-1")
                _ = try await api.awakeWorker(name: "awake-2")
                let asleep = try await api.awakeWorker(name: "asleep")
                try await farm.setState(of: asleep, WorkerStatusState(status: .asleep))
                _ = try await api.register(name: "never-signed-on")
                let deleted = try await api.awakeWorker(name: "deleted")
                try await farm.softDelete(deleted)

                let metrics = try await scrape(api)

                let tasks = try sqlCounts(farm, "tasks")
                #expect(tasks == ["queued": 4 + 2 + 1, "completed": 2, "failed": 1, "soft-failed": 1, "active": 1, "paused": 3])
                #expect(metrics.values("tablao_tasks", by: "status") == everyStatus(TaskStatus.self, tasks))
                let jobs = try sqlCounts(farm, "jobs")
                #expect(metrics.values("tablao_jobs", by: "status") == everyStatus(JobStatus.self, jobs))
                #expect(jobs.values.reduce(0, +) == 4)
                let workers = try sqlCounts(farm, "workers", where: "deleted_at IS NULL")
                #expect(metrics.values("tablao_workers", by: "status") == everyStatus(WorkerStatus.self, workers))
                #expect(workers == ["awake": 2, "asleep": 1, "offline": 1])
                #expect(metrics.types["tablao_tasks"] == "gauge")
                #expect(metrics.help["tablao_workers"]?.isEmpty == false)

                // A change shows at the next scrape: the gauges are read at scrape time, not cached.
                try await farm.setTaskStatuses([(rendering.task(5), .canceled)])
                let after = try await scrape(api)
                #expect(after.value("tablao_tasks", ["status": "canceled"]) == 1)
                #expect(after.values("tablao_tasks", by: "status") == everyStatus(TaskStatus.self, try sqlCounts(farm, "tasks")))
            }
        }
    }

    @Test func countersMoveWithAnAssignmentAndATaskUpdate() async throws {
        try await TestFarm.with { farm in
            try await farm.live { api, _ in
                let worker = try await api.awakeWorker()
                // No task yet: a task request that is timed but assigns nothing.
                #expect(try await api.requestTask(worker).status == .noContent)
                try await farm.seedJob(tasks: Seed.tasks(2))
                try await waitForWriterReports(farm)
                let before = try await scrape(api)
                #expect(before.value("tablao_task_assignments_total") == 0)
                #expect(before.value("tablao_task_updates_total") == 0)
                #expect(before.value("tablao_task_request_duration_seconds_count") == 1)
                #expect(before.value("tablao_task_assignment_duration_seconds_count") == 0)
                let batchesBefore = try #require(before.value("tablao_db_write_batches_total"))
                let writesBefore = try #require(before.value("tablao_db_writes_total"))
                #expect(batchesBefore > 0)

                let assigned = try await api.takeTask(worker)
                let taskID = try #require(assigned["uuid"].stringValue)
                try await waitForWriterReports(farm)
                let afterAssignment = try await scrape(api)
                #expect(afterAssignment.value("tablao_task_assignments_total") == 1)
                #expect(afterAssignment.value("tablao_task_request_duration_seconds_count") == 2)
                #expect(afterAssignment.value("tablao_task_assignment_duration_seconds_count") == 1)
                #expect(afterAssignment.value("tablao_task_updates_total") == 0)
                #expect(try #require(afterAssignment.value("tablao_db_write_batches_total")) > batchesBefore)

                try await api.report(worker, taskID, "completed", log: "frame done\n")
                try await waitForWriterReports(farm)
                let afterUpdate = try await scrape(api)
                #expect(afterUpdate.value("tablao_task_updates_total") == 1)
                #expect(afterUpdate.value("tablao_task_assignments_total") == 1)
                #expect(afterUpdate.value("tablao_tasks", ["status": "completed"]) == 1)
                #expect(try #require(afterUpdate.value("tablao_db_writes_total")) > writesBefore)
                let commits = try #require(afterUpdate.value("tablao_db_commit_duration_seconds_count"))
                #expect(commits == afterUpdate.value("tablao_db_write_batches_total"))
                #expect(afterUpdate.value("tablao_db_write_batch_failures_total") == 0)
                // The WAL gauge is the -wal file's size at scrape time (nothing writes between the two).
                let walBytes = try #require(afterUpdate.value("tablao_db_wal_bytes"))
                let onDisk = try FileManager.default.attributesOfItem(atPath: farm.database.walPath)[.size] as? Int
                #expect(walBytes > 0)
                #expect(walBytes == onDisk.map(Double.init))
            }
        }
    }

    @Test func aRejectedTaskUpdateIsNotCounted() async throws {
        try await TestFarm.with { farm in
            try await farm.live { api, _ in
                let worker = try await api.awakeWorker()
                try await farm.seedJob(tasks: Seed.tasks(1))
                let taskID = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                let rejected = try await api.update(worker, taskID, #"{"taskStatus": "no-such-status"}"#)
                #expect(rejected.status == .badRequest)
                #expect(try await scrape(api).value("tablao_task_updates_total") == 0)
            }
        }
    }
}
