import Dispatch
import FarmModel
import Synchronization

/// The serial queue task log files are written on, and the jobs whose deletion has begun.
final class TaskLogQueue: Sendable {
    private let queue = DispatchQueue(label: "tablao.task-logs")
    private let deleting = Mutex(Set<JobID>())

    /// Runs `body` on the queue, after everything queued before it.
    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }

    /// Lines of `job` are no longer written.
    func markDeleting(_ job: JobID) { _ = deleting.withLock { $0.insert(job) } }

    /// Whether `job`'s deletion has begun.
    func isDeleting(_ job: JobID) -> Bool { deleting.withLock { $0.contains(job) } }
}
