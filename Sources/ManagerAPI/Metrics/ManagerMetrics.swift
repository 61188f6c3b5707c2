import Farm
import Foundation
import Prometheus
import Storage
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The Manager's Prometheus instruments over one registry, and the `/metrics` scrape.
///
/// Request handlers only bump counters and record histograms (a lock and a few adds each); the farm gauges are
/// computed at scrape time on the read-only connection, and the writer reports its batches to `observe`.
public final class ManagerMetrics: Sendable {
    /// The registry `/metrics` emits; the composition root also hands it to swift-metrics for Hummingbird's
    /// request metrics.
    public let registry: PrometheusCollectorRegistry

    let taskAssignments: Counter
    let taskUpdates: Counter
    let taskRequestDuration: DurationHistogram
    let assignmentDuration: DurationHistogram
    let writer: WriterMetrics
    let farm: FarmGauges
    /// The scrape buffer, reused; the lock also keeps one scrape's gauges from mixing with another's.
    private let buffer = Mutex<[UInt8]>([])

    /// Registers Tablao's instruments in `registry` (a fresh one by default, as tests want).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        taskAssignments = registry.makeCounter(
            name: "tablao_task_assignments_total", help: "Tasks assigned to workers through task requests.")
        taskUpdates = registry.makeCounter(
            name: "tablao_task_updates_total", help: "Task updates from workers that the Manager accepted.")
        taskRequestDuration = registry.makeDurationHistogram(
            name: "tablao_task_request_duration_seconds", buckets: Self.requestBuckets,
            help: "Time to answer a worker's task request, whatever the answer.")
        assignmentDuration = registry.makeDurationHistogram(
            name: "tablao_task_assignment_duration_seconds", buckets: Self.requestBuckets,
            help: "Time to answer a task request that assigned a task.")
        writer = WriterMetrics(registry: registry)
        farm = FarmGauges(registry: registry)
    }

    /// Counts `database`'s write batches and times their commits from now on.
    public func observe(_ database: FarmDatabase) {
        let writer = self.writer
        database.observeWriteBatches { report in writer.record(report) }
    }

    /// Reads the farm gauges from `database`'s read-only connection, takes the storage folder's failure counts from
    /// `storageFaults`, and returns the whole registry in the Prometheus text exposition format.
    public func scrape(_ database: FarmDatabase, storageFaults: StorageFaultCounter.Snapshot) async throws -> [UInt8] {
        let census = try await database.read { tx in
            FarmGauges.Census(
                tasks: try tx.census.tasksByStatus(), jobs: try tx.census.jobsByStatus(),
                workers: try tx.census.workersByStatus())
        }
        let walBytes = Self.fileSize(database.walPath)
        return buffer.withLock { buffer in
            farm.set(census, walBytes: walBytes, storageFaults: storageFaults)
            buffer.removeAll(keepingCapacity: true)
            registry.emit(into: &buffer)
            return buffer
        }
    }

    /// Records one task request that took `duration`; `assigned` when it handed out a task.
    func recordTaskRequest(_ duration: Duration, assigned: Bool) {
        taskRequestDuration.record(duration)
        if assigned {
            assignmentDuration.record(duration)
            taskAssignments.increment()
        }
    }

    /// Counts one accepted task update.
    func recordTaskUpdate() { taskUpdates.increment() }

    /// 0.5 ms to 5 s: a task request normally takes about a millisecond.
    static let requestBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5),
    ]

    /// The size of a file in bytes, 0 when it does not exist (a `-wal` file is absent after a clean close).
    static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Int64(info.st_size)
    }
}
