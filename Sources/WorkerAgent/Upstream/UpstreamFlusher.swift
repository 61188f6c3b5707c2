import Logging

/// Sends queued updates oldest first (worker-agent.md §6.3): any HTTP answer (5xx included) removes the item, a
/// network error stops the flush and keeps it at the head.
struct UpstreamFlusher: Sendable {
    let buffer: UpstreamBuffer
    let client: ManagerClient
    let credentials: WorkerCredentials
    let logger: Logger

    /// How one step of a flush ended.
    private enum Step {
        /// The head item was delivered or discarded; go on.
        case next
        /// The queue is empty (or unreadable: nothing can be sent from it).
        case empty
        /// The Manager is unreachable; the head item stays.
        case stopped
    }

    /// Flushes until the queue is empty, the Manager is unreachable, or the task is cancelled; returns whether the
    /// queue is empty afterwards (the worker only asks for work then, see ``TaskLoop``).
    @discardableResult
    func flush() async -> Bool {
        while !Task.isCancelled {
            switch await buffer.lock.withLock({ await sendHead() }) {
            case .next: continue
            case .empty: return true
            case .stopped: return false
            }
        }
        return false
    }

    /// ``flush()`` for a caller that already holds the buffer's lock.
    func flushHoldingLock() async -> Bool {
        while !Task.isCancelled {
            switch await sendHead() {
            case .next: continue
            case .empty: return true
            case .stopped: return false
            }
        }
        return false
    }

    /// Sends the head item.
    private func sendHead() async -> Step {
        let item: UpstreamBuffer.Item
        do {
            guard let head = try await buffer.first() else { return .empty }
            item = head
        } catch {
            logger.error("cannot read the upstream buffer: \(error)")
            return .empty
        }
        let response: ManagerResponse
        do {
            response = try await client.sendRaw(
                .post, "api/v3/worker/task/\(item.taskID)", credentials: credentials, body: item.payload)
        } catch {
            buffer.noteUnreachable()
            logger.debug("Manager still unreachable; keeping \(item.taskID)'s queued update")
            return .stopped
        }
        buffer.noteReachable()
        switch response.status {
        case 200..<300: break
        case 409: logger.notice("queued update discarded: task already reassigned", metadata: ["task": "\(item.taskID)"])
        default:
            logger.notice(
                "queued update discarded, unknown reason", metadata: ["task": "\(item.taskID)", "status": "\(response.status)"])
        }
        do { try await buffer.remove(item.id) } catch {
            logger.error("cannot remove a flushed update: \(error)")
            return .stopped
        }
        return .next
    }
}
