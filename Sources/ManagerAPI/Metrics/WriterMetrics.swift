import Prometheus
import SQLite

/// Instruments of the serialized database writer: batches, the writes they carried, failures, commit latency.
struct WriterMetrics: Sendable {
    let batches: Counter
    let writes: Counter
    let failedBatches: Counter
    let commitDuration: DurationHistogram
    let transactionDuration: DurationHistogram

    init(registry: PrometheusCollectorRegistry) {
        batches = registry.makeCounter(
            name: "tablao_db_write_batches_total",
            help: "Write transactions committed by the database writer (each carries one or more writes).")
        writes = registry.makeCounter(
            name: "tablao_db_writes_total", help: "Writes (state changes) carried by committed write transactions.")
        failedBatches = registry.makeCounter(
            name: "tablao_db_write_batch_failures_total",
            help: "Write transactions that did not commit (BEGIN, a whole-transaction rollback or COMMIT failed).")
        commitDuration = registry.makeDurationHistogram(
            name: "tablao_db_commit_duration_seconds", buckets: Self.buckets,
            help: "Time of the COMMIT statement of a write transaction (WAL append, fsync with synchronous FULL).")
        transactionDuration = registry.makeDurationHistogram(
            name: "tablao_db_write_transaction_duration_seconds", buckets: Self.buckets,
            help: "Time a write transaction held the writer, BEGIN to the end of COMMIT.")
    }

    /// Called on the writer's thread after each batch: counters and histograms only.
    func record(_ report: WriteBatchReport) {
        guard report.committed else {
            failedBatches.increment()
            return
        }
        batches.increment()
        writes.increment(by: Int64(report.writes))
        commitDuration.record(report.commitDuration)
        transactionDuration.record(report.transactionDuration)
    }

    /// 50 µs to 1 s: a commit in WAL mode with synchronous NORMAL takes tens of microseconds.
    static let buckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
        .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .seconds(1),
    ]
}
