import Logging

/// The worker-side state machine (worker-agent.md §1.7): `awake` runs the task loop, `asleep` polls the state,
/// `offline` and `restart` end the run.
struct WorkerStates: Sendable {
    let session: WorkerSession
    let configuration: WorkerConfiguration
    let logger: Logger

    private var timing: WorkerTiming { configuration.timing }

    /// Follows requested states; returns the exit code for `offline`/`restart`, throws on cancellation.
    func run() async throws -> Int32 {
        var state = session.initialState
        while true {
            logger.info("entering state \(state)")
            switch state {
            case "offline":
                return 0
            case "restart":
                return configuration.restartExitCode
            case "awake":
                try await session.acknowledge("awake", retry: timing.retry)
                state = try await TaskLoop(session: session, timing: timing, logger: logger).run()
            default:
                if state != "asleep" { logger.warning("unexpected state \(state) requested; going asleep") }
                try await session.acknowledge("asleep", retry: timing.retry)
                state = try await sleepUntilWoken()
            }
        }
    }

    /// `GET /worker/state` every ``WorkerTiming/asleepPoll`` until a 200 names a state.
    private func sleepUntilWoken() async throws -> String {
        while true {
            try await Task.sleep(for: timing.asleepPoll)
            do {
                let response = try await session.client.send(
                    .get, "api/v3/worker/state", credentials: session.credentials)
                if response.status == 200, let change = response.decode(WorkerStateChange.self) {
                    return change.statusRequested
                }
                if response.status != 204 { logger.warning("worker state answered \(response.status)") }
            } catch {
                logger.debug("worker state not fetched: \(error)")
            }
        }
    }
}
