import Foundation

/// When each worker (or task) was last active, on the Manager's monotonic clock, as the timeout checker observed
/// it: the timeouts compare these instants, never the wall clock with stored timestamps, so a wall clock that jumps
/// neither times out healthy workers (forward) nor hides a dead one (backward).
///
/// The stored timestamp (`last_seen`, `last_touched`) is still read at every check: when it changed since the last
/// check, the thing was active since then. When exactly is estimated from the wall clock, but never placed before
/// the previous check nor after now, so a jump moves the estimate at most within one check interval. The first
/// check after start-up trusts the stored age up to `timeout − grace`: what was already silent before the restart
/// still times out, but nothing times out sooner than `grace` after start-up.
public struct ObservedActivity<Key: Hashable & Sendable>: Sendable {
    private struct Entry: Sendable {
        var stored: Date
        var activeAt: Duration
    }

    private var entries: [Key: Entry] = [:]
    private var previousCheck: Duration?

    /// No observations yet.
    public init() {}

    /// Records the stored timestamps of the current candidates, read at monotonic `uptime` (time since start-up)
    /// when the wall clock said `wallNow`, and returns the keys idle for `timeout` or longer. Keys not among the
    /// candidates are forgotten.
    public mutating func observe(
        _ stored: [Key: Date], wallNow: Date, uptime: Duration, timeout: Duration, grace: Duration
    ) -> Set<Key> {
        let windowStart = previousCheck ?? (.zero - max(.zero, timeout - grace))
        var next: [Key: Entry] = [:]
        var idle: Set<Key> = []
        for (key, timestamp) in stored {
            var entry = entries[key] ?? Entry(stored: timestamp, activeAt: uptime)
            if entries[key] == nil || entry.stored != timestamp {
                let wallAge = Duration.seconds(max(0, wallNow.timeIntervalSince(timestamp)))
                let age = min(wallAge, uptime - windowStart)
                entry = Entry(stored: timestamp, activeAt: uptime - age)
            }
            next[key] = entry
            if uptime - entry.activeAt >= timeout { idle.insert(key) }
        }
        entries = next
        previousCheck = uptime
        return idle
    }
}
