/// Rules for a task's step counters (protocol.md §4.10).
public enum TaskSteps: Sendable {
    /// `steps_total`: Σ max(1, n) over the commands' `total_step_count` (a step-less command counts one step).
    public static func total(commandStepCounts: some Sequence<Int>) -> Int {
        commandStepCounts.reduce(0) { $0 + max(1, $1) }
    }

    /// A worker-reported `steps_completed`, clamped to 0...`total`.
    public static func clamped(_ reported: Int, total: Int) -> Int {
        min(max(0, reported), max(0, total))
    }

    /// `steps_completed` after the task takes `status`: `total` when completed, 0 when queued, else unchanged.
    public static func completed(afterBecoming status: TaskStatus, current: Int, total: Int) -> Int {
        switch status {
        case .completed: total
        case .queued: 0
        case .active, .failed, .softFailed, .paused, .canceled: current
        }
    }
}
