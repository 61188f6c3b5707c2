import Logging

/// Sends queued updates oldest first (worker-agent.md §6.3): any HTTP answer (5xx included) removes the item, a
/// network error stops the flush and keeps it at the head.
struct UpstreamFlusher: Sendable {
    let buffer: UpstreamBuffer
    let client: ManagerClient
    let credentials: WorkerCredentials
    let logger: Logger

    /// Flushes until the queue is empty, the Manager is unreachable, or the task is cancelled.
    func flush() async {
        while !Task.isCancelled {
            let more = await buffer.lock.withLock { await sendHead() }
            if !more { return }
        }
    }

    /// Sends the head item; returns whether to continue.
    private func sendHead() async -> Bool {
        let item: UpstreamBuffer.Item
        do {
            guard let head = try await buffer.first() else { return false }
            item = head
        } catch {
            logger.error("cannot read the upstream buffer: \(error)")
            return false
        }
        let response: ManagerResponse
        do {
            response = try await client.sendRaw(
                .post, "api/v3/worker/task/\(item.taskID)", credentials: credentials, body: item.payload)
        } catch {
            logger.info("Manager still unreachable; keeping \(item.taskID)'s queued update")
            return false
        }
        switch response.status {
        case 200..<300: break
        case 409: logger.notice("queued update discarded: task already reassigned", metadata: ["task": "\(item.taskID)"])
        default:
            logger.notice(
                "queued update discarded, unknown reason", metadata: ["task": "\(item.taskID)", "status": "\(response.status)"])
        }
        do { try await buffer.remove(item.id) } catch {
            logger.error("cannot remove a flushed update: \(error)")
            return false
        }
        return true
    }
}
