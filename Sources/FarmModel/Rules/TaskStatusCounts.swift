/// How many tasks of one job are in each status: the input of the job roll-up (protocol.md §6.3).
public struct TaskStatusCounts: Sendable, Hashable {
    /// Only non-zero counts are stored, so equal tallies compare equal.
    private var counts: [TaskStatus: Int]

    /// Creates a tally from per-status counts; zero entries may be omitted.
    public init(_ counts: [TaskStatus: Int] = [:]) {
        precondition(counts.values.allSatisfy { $0 >= 0 }, "task counts cannot be negative")
        self.counts = counts.filter { $0.value > 0 }
    }

    /// Creates a tally by counting the given task statuses.
    public init(statuses: some Sequence<TaskStatus>) {
        var counts: [TaskStatus: Int] = [:]
        for status in statuses { counts[status, default: 0] += 1 }
        self.counts = counts
    }

    /// The number of tasks in `status`.
    public subscript(status: TaskStatus) -> Int {
        get { counts[status] ?? 0 }
        set {
            precondition(newValue >= 0, "task counts cannot be negative")
            counts[status] = newValue > 0 ? newValue : nil
        }
    }

    /// The number of tasks of the job.
    public var total: Int { counts.values.reduce(0, +) }

    /// The number of tasks whose status is one of `statuses`.
    public func count(in statuses: Set<TaskStatus>) -> Int {
        statuses.reduce(0) { $0 + self[$1] }
    }

    /// Whether every task is `completed`; true for a job without tasks, as in Flamenco.
    public var areAllCompleted: Bool { self[.completed] == total }

    /// Whether at least one task is `active`.
    public var hasActiveTask: Bool { self[.active] > 0 }

    /// ⌊100 × failed / total⌋, the integer percentage the job-failure rule compares (0 without tasks).
    public var failedPercentage: Int {
        total == 0 ? 0 : 100 * self[.failed] / total
    }

    /// The tally after a bulk move: every task in one of the move's source statuses takes its target status.
    public func applying(_ move: TaskStatusMove) -> TaskStatusCounts {
        var result = self
        for source in move.sources where source != move.target {
            result[move.target] += result[source]
            result[source] = 0
        }
        return result
    }

    /// The tally after several bulk moves, applied in order.
    public func applying(_ moves: [TaskStatusMove]) -> TaskStatusCounts {
        moves.reduce(self) { $0.applying($1) }
    }
}
