import Logging

/// The `awake` loop (worker-agent.md §2.1): fetch a task, run it, wait; returns the state named by a 423.
///
/// Tablao: updates still queued for the Manager are flushed before every fetch, and no task is asked for while any
/// remain. Otherwise a task that ended while the Manager was down would be offered again (the Manager still sees it
/// `active` and hands a worker its own active task back, protocol.md §7.4) and run a second time.
struct TaskLoop: Sendable {
    let session: WorkerSession
    let timing: WorkerTiming
    let logger: Logger

    func run() async throws -> String {
        let runner = TaskRunner(
            client: session.client, credentials: session.credentials, timing: timing, logger: logger,
            buffer: session.buffer, uploader: session.uploader)
        let flusher = session.buffer.map {
            UpstreamFlusher(buffer: $0, client: session.client, credentials: session.credentials, logger: logger)
        }
        var wait = WorkerTiming.jittered(timing.firstFetch)
        var acknowledgedAfterConflict = false
        while true {
            try await Task.sleep(for: wait)
            if let flusher, !(await flusher.flush()) {
                try Task.checkCancellation()
                logger.debug("task updates still queued for the Manager; not asking for a task yet")
                wait = timing.retry
                continue
            }
            let response: ManagerResponse
            do {
                response = try await session.client.send(.post, "api/v3/worker/task", credentials: session.credentials)
            } catch {
                try Task.checkCancellation()
                logger.debug("task fetch not delivered: \(error)")
                wait = WorkerTiming.jittered(timing.errorFetch)
                continue
            }
            switch response.status {
            case 200:
                guard let task = response.decode(AssignedTask.self) else {
                    logger.error("unreadable task: \(response.text)")
                    wait = WorkerTiming.jittered(timing.errorFetch)
                    continue
                }
                _ = await runner.run(task)
                try Task.checkCancellation()
                try await Task.sleep(for: timing.afterTask)
                wait = WorkerTiming.jittered(timing.firstFetch)
                acknowledgedAfterConflict = false
            case 204:
                wait = WorkerTiming.jittered(timing.idleFetch)
            case 423:
                if let change = response.decode(WorkerStateChange.self) { return change.statusRequested }
                wait = WorkerTiming.jittered(timing.errorFetch)
            case 409 where !acknowledgedAfterConflict:
                logger.warning("Manager does not consider this worker awake; acknowledging again")
                acknowledgedAfterConflict = true
                try await session.acknowledge("awake", retry: timing.retry)
                wait = WorkerTiming.jittered(timing.errorFetch)
            default:
                logger.warning("task fetch answered \(response.status)", metadata: ["body": "\(response.text)"])
                wait = WorkerTiming.jittered(timing.errorFetch)
            }
        }
    }
}
