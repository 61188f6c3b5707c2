import FarmModel
import Foundation
import Storage

/// Text to append to one task's log.
public struct TaskLogEntry: Sendable, Equatable {
    /// The task's job.
    public let job: JobID
    /// The task.
    public let task: TaskID
    /// The text; a final newline is added when missing.
    public let text: String

    /// Creates an entry.
    public init(job: JobID, task: TaskID, text: String) {
        self.job = job
        self.task = task
        self.text = text
    }
}

/// The log lines a write transaction produces, collected while it runs and written to disk only after it commits.
///
/// A transaction that is rolled back (a savepoint undone, a commit that failed) therefore leaves no line behind, and
/// a log file that cannot be written never fails the transaction. One buffer belongs to one transaction body.
final class TaskLogLines {
    private var lines: [(jobRowID: Int64, entry: TaskLogEntry)] = []
    let now: Date

    /// A buffer whose notes are stamped with `now`, the transaction's time.
    init(now: Date) { self.now = now }

    /// Text as a worker sent it.
    func append(_ text: String, of task: FarmTask) {
        guard !text.isEmpty else { return }
        lines.append((task.jobRowID, TaskLogEntry(job: task.jobID, task: task.id, text: text)))
    }

    /// One line prefixed with the transaction's UTC timestamp, as Manager-written log lines are.
    func appendNote(_ note: String, of task: FarmTask) {
        appendNotes([note], of: task)
    }

    /// Several timestamped lines, written together.
    func appendNotes(_ notes: [String], of task: FarmTask) {
        guard !notes.isEmpty else { return }
        let stamp = TaskLogStore.noteTimestamp(now)
        append(notes.map { "\(stamp) \($0)" }.joined(separator: "\n"), of: task)
    }

    /// The lines to write once `tx` commits: none of a job whose deletion was requested (its folder is going away,
    /// and a line written now would recreate it).
    func entries(in tx: StorageTransaction) throws -> [TaskLogEntry] {
        var deleting: [Int64: Bool] = [:]
        return try lines.filter { line in
            if let known = deleting[line.jobRowID] { return !known }
            let isDeleting = try tx.jobs.facts(rowID: line.jobRowID)?.isDeletionRequested ?? true
            deleting[line.jobRowID] = isDeleting
            return !isDeleting
        }.map { $0.entry }
    }
}
