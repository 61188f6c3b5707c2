import Foundation
import Logging

/// Sends task updates for the running task (worker-agent.md §2.2, §2.6, §6.2); callers await each send, so updates
/// go out one at a time and in order. Nothing is sent for an aborted task. With a buffer, queued updates are flushed
/// first (at most once per ``retry`` while the Manager stays unreachable), so a live update does not wait for the
/// periodic flush; one that cannot be delivered, or would overtake queued ones, is queued.
struct TaskUpdateSender: Sendable {
    /// How one update fared.
    enum Outcome: Sendable, Equatable {
        /// 204.
        case sent
        /// Network error or 5xx (Tablao: not a task failure), or queued behind earlier updates; in the buffer if any.
        case unreachable
        /// 409: the task is no longer this worker's.
        case reassigned
        /// Another HTTP answer.
        case rejected(String)
        /// The task was aborted; nothing was sent.
        case skipped
    }

    let client: ManagerClient
    let credentials: WorkerCredentials
    let logger: Logger
    let buffer: UpstreamBuffer?
    /// How long after a failed connection the queue is flushed again before a live update.
    var retry: Duration = .seconds(5)

    /// Sends `update` for `task`.
    func send(_ update: TaskUpdate, for task: TaskContext) async -> Outcome {
        guard !task.isAborted else { return .skipped }
        guard let buffer else { return await deliver(update, for: task) }
        return await buffer.lock.withLock { await sendOrQueue(update, for: task, buffer) }
    }

    /// Under the buffer's lock: queue behind earlier updates, else send and queue on a network error.
    private func sendOrQueue(_ update: TaskUpdate, for task: TaskContext, _ buffer: UpstreamBuffer) async -> Outcome {
        var queued = (try? await buffer.count()) ?? 0
        if queued > 0, buffer.mayRetry(after: retry) {
            let flusher = UpstreamFlusher(buffer: buffer, client: client, credentials: credentials, logger: logger)
            queued = await flusher.flushHoldingLock() ? 0 : queued
        }
        if queued == 0 {
            let outcome = await deliver(update, for: task)
            guard outcome == .unreachable else { return outcome }
        }
        do {
            try await buffer.append(taskID: task.taskID, payload: Array(try JSONEncoder().encode(update)))
        } catch {
            logger.error("cannot queue a task update: \(error)")
        }
        return .unreachable
    }

    private func deliver(_ update: TaskUpdate, for task: TaskContext) async -> Outcome {
        let response: ManagerResponse
        do {
            response = try await client.send(
                .post, "api/v3/worker/task/\(task.taskID)", credentials: credentials, json: update)
        } catch {
            buffer?.noteUnreachable()
            logger.debug("task update not delivered", metadata: ["task": "\(task.taskID)", "error": "\(error)"])
            return .unreachable
        }
        buffer?.noteReachable()
        switch response.status {
        case 200..<300: return .sent
        case 409:
            logger.warning("task was reassigned", metadata: ["task": "\(task.taskID)"])
            return .reassigned
        case 500...:
            logger.warning(
                "task update answered \(response.status)", metadata: ["task": "\(task.taskID)", "body": "\(response.text)"])
            return .unreachable
        default:
            logger.error(
                "task update rejected with \(response.status)", metadata: ["task": "\(task.taskID)", "body": "\(response.text)"])
            return .rejected("HTTP \(response.status): \(response.text)")
        }
    }
}
