import Synchronization

/// The state shared by everything working on one running task: its id, abort flag and step counter.
final class TaskContext: Sendable {
    let taskID: String
    private let state = Mutex(State())

    private struct State {
        var aborted = false
        var steps = 0
    }

    init(taskID: String) { self.taskID = taskID }

    /// True once the task was aborted (may-i-run said no, or shutdown): nothing more is sent for it.
    var isAborted: Bool { state.withLock { $0.aborted } }

    /// Marks the task aborted.
    func abort() { state.withLock { $0.aborted = true } }

    /// Increments the step counter and returns the new absolute value (worker-agent.md §2.3).
    func nextStep() -> Int {
        state.withLock {
            $0.steps += 1
            return $0.steps
        }
    }
}
