import Foundation

/// Which tasks and workers the timeout checker selects, and what it writes (protocol.md §9).
///
/// A timeout of zero (or less) disables its own check only (§13 row 22).
public enum TimeoutRules: Sendable {
    /// The instant at or before which a last-touched/last-seen time counts as timed out; nil when disabled.
    public static func cutoff(now: Date, timeout: Duration) -> Date? {
        guard timeout > .zero else { return nil }
        let (seconds, attoseconds) = timeout.components
        return now.addingTimeInterval(-(Double(seconds) + Double(attoseconds) / 1e18))
    }

    /// Whether a task timed out: `active` and last touched at or before now − timeout.
    public static func isTaskTimedOut(status: TaskStatus, lastTouched: Date?, now: Date, timeout: Duration) -> Bool {
        guard status == .active, let lastTouched, let cutoff = cutoff(now: now, timeout: timeout) else { return false }
        return lastTouched <= cutoff
    }

    /// Whether a worker timed out: seen at least once, not `error`/`offline`, last seen at or before now − timeout.
    public static func isWorkerTimedOut(
        status: WorkerStatus,
        lastSeen: Date?,
        now: Date,
        timeout: Duration
    ) -> Bool {
        guard status != .error, status != .offline, let lastSeen, let cutoff = cutoff(now: now, timeout: timeout)
        else { return false }
        return lastSeen <= cutoff
    }

    /// The activity stored on a task that timed out.
    public static func timedOutTaskActivity(workerName: String) -> String {
        "Task timed out: no news from worker \(workerName)"
    }

    /// The task log line (the caller adds the timestamp) for a task that timed out.
    public static func timedOutTaskLogLine(workerName: String, workerID: WorkerID, lastTouched: Date) -> String {
        "Task timed out: worker \(workerName) (\(workerID)) last touched it at \(lastTouched.formatted(.iso8601))"
    }
}
