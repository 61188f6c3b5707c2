import Foundation
import Logging
import WorkerAgent

/// One worker agent running in the background against a test Manager, with fast timings.
struct AgentHarness: Sendable {
    let running: Task<Int32, Never>
    let configuration: WorkerConfiguration

    /// Timings short enough for tests.
    static var fastTiming: WorkerTiming {
        var timing = WorkerTiming()
        timing.firstFetch = .milliseconds(50)
        timing.idleFetch = .milliseconds(100)
        timing.errorFetch = .milliseconds(300)
        timing.afterTask = .milliseconds(50)
        timing.asleepPoll = .milliseconds(100)
        timing.retry = .milliseconds(200)
        timing.mayIRun = .milliseconds(200)
        timing.killGrace = .seconds(1)
        return timing
    }

    /// Starts an agent against `baseURL` with fast (or the given) timings.
    static func start(
        baseURL: String, home: String, name: String = "test-worker", restartExitCode: Int32 = 0,
        timing: WorkerTiming = fastTiming
    ) -> AgentHarness {
        var configuration = WorkerConfiguration()
        configuration.home = home
        configuration.restartExitCode = restartExitCode
        configuration.timing = timing
        return start(configuration: configuration, baseURL: baseURL, name: name, logLevel: .warning)
    }

    /// Starts an agent with `configuration`; the one place tests build a ``WorkerAgent``.
    static func start(
        configuration: WorkerConfiguration, baseURL: String, name: String, logLevel: Logger.Level
    ) -> AgentHarness {
        var logger = Logger(label: "tablao.worker-tests.agent")
        logger.logLevel = logLevel
        let agent = WorkerAgent(
            configuration: configuration, client: ManagerClient(baseURL: baseURL, logger: logger), name: name,
            logger: logger)
        return AgentHarness(running: Task { await agent.run() }, configuration: configuration)
    }

    /// Stops the agent as a signal would and returns its exit status.
    func stop() async -> Int32 {
        running.cancel()
        return await running.value
    }
}

/// How much longer than its nominal limit a wait for something expected may take. A full `swift test` runs every
/// suite at once on two shared cores (real processes, real servers), so a nominal 10 s can take 20; a wait that
/// succeeds still returns the moment its condition holds, so this only delays a failure.
let testPatience = 3.0

/// Polls `condition` every 50 ms until it holds or `seconds` (× ``testPatience``) pass; returns whether it held.
func eventually(within seconds: Double = 20, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * testPatience * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}
