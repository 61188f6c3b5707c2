import Foundation

/// `tablao workers`: one line per worker with its status, its task and when it was last seen.
public enum WorkerTable {
    /// A worker and the task `fetch_worker` reported for it.
    public struct Row: Sendable {
        /// The worker's summary.
        public let worker: WorkerRecord
        /// Its active task, else the last one it was given.
        public let task: WorkerTaskRecord?

        /// Pairs a worker with its task.
        public init(worker: WorkerRecord, task: WorkerTaskRecord?) {
            self.worker = worker
            self.task = task
        }
    }

    /// The table of `rows`; ages are counted up to `now`.
    public static func table(_ rows: [Row], now: Date = Date()) -> TextTable {
        TextTable(
            headers: ["ID", "NAME", "STATUS", "TASK", "LAST SEEN"],
            rows: rows.map { row in
                [
                    row.worker.id, row.worker.name, status(of: row.worker),
                    row.task.map { "\($0.name) (\($0.status))" } ?? "-",
                    row.worker.lastSeen.map { age(of: $0, now: now) } ?? "never",
                ]
            })
    }

    /// The status, with a pending request as `awake → offline` (`lazy` when it waits for the task to end). An
    /// `offline` worker's `awake`/`asleep` is not pending: it is what the Manager answers at its next sign-on (a
    /// signed-off worker has its last status remembered so, protocol.md §3.3), so it is not shown.
    static func status(of worker: WorkerRecord) -> String {
        guard let change = worker.statusChange else { return worker.status }
        if worker.status == "offline", change.status == "awake" || change.status == "asleep" { return worker.status }
        return "\(worker.status) → \(change.status)" + (change.isLazy ? " (lazy)" : "")
    }

    /// `5s ago`, `3m ago`, `2h ago`, `4d ago`; the timestamp itself when it does not parse.
    static func age(of timestamp: String, now: Date) -> String {
        guard let date = WireTimestamp.date(from: timestamp) else { return timestamp }
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<60: return "\(seconds)s ago"
        case ..<3600: return "\(seconds / 60)m ago"
        case ..<86_400: return "\(seconds / 3600)h ago"
        default: return "\(seconds / 86_400)d ago"
        }
    }
}
