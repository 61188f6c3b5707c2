import Farm
import FarmModel
import Prometheus

/// The farm's gauges, set at scrape time: tasks, jobs and workers per status, the `-wal` file's size, and the
/// storage folder's failures since start-up.
struct FarmGauges: Sendable {
    /// Per-status counts read in one snapshot.
    struct Census: Sendable {
        let tasks: [TaskStatus: Int]
        let jobs: [JobStatus: Int]
        let workers: [WorkerStatus: Int]
    }

    let tasks: [TaskStatus: Gauge]
    let jobs: [JobStatus: Gauge]
    let workers: [WorkerStatus: Gauge]
    let walBytes: Gauge
    let taskLogWriteFailures: Gauge
    let jobFolderRemovalFailures: Gauge

    /// One series per status, so a status that empties reads 0 instead of vanishing.
    init(registry: PrometheusCollectorRegistry) {
        tasks = Self.perStatus(registry, "tablao_tasks", "Tasks in each status.")
        jobs = Self.perStatus(registry, "tablao_jobs", "Jobs in each status, jobs awaiting deletion included.")
        workers = Self.perStatus(registry, "tablao_workers", "Workers in each status, deleted workers left out.")
        walBytes = registry.makeGauge(
            name: "tablao_db_wal_bytes", help: "Size of the database's -wal file (0 when there is none).")
        taskLogWriteFailures = registry.makeGauge(
            name: "tablao_storage_task_log_write_failures",
            help: "Task log writes that failed since start-up (storage folder full, read-only or broken; lines lost).")
        jobFolderRemovalFailures = registry.makeGauge(
            name: "tablao_storage_job_folder_removal_failures",
            help: "Deleted jobs whose storage folder could not be removed since start-up.")
    }

    func set(_ census: Census, walBytes bytes: Int64, storageFaults faults: StorageFaultCounter.Snapshot) {
        taskLogWriteFailures.set(Double(faults.taskLogWriteFailures))
        jobFolderRemovalFailures.set(Double(faults.jobFolderRemovalFailures))
        for (status, gauge) in tasks { gauge.set(Double(census.tasks[status] ?? 0)) }
        for (status, gauge) in jobs { gauge.set(Double(census.jobs[status] ?? 0)) }
        for (status, gauge) in workers { gauge.set(Double(census.workers[status] ?? 0)) }
        walBytes.set(Double(bytes))
    }

    private static func perStatus<Status: CaseIterable & Hashable & RawRepresentable>(
        _ registry: PrometheusCollectorRegistry, _ name: String, _ help: String
    ) -> [Status: Gauge] where Status.RawValue == String {
        Dictionary(
            uniqueKeysWithValues: Status.allCases.map { status in
                (status, registry.makeGauge(name: name, labels: [("status", status.rawValue)], help: help))
            })
    }
}
