import Foundation
import Logging
import Synchronization
@testable import WorkerAgent

/// Worker agents against a ``StandInManager``, with timings scaled down so waits can be measured.
extension AgentHarness {
    /// Flamenco's timings scaled down; the three fetch waits differ enough to be told apart by measurement.
    static var scaledTiming: WorkerTiming {
        var timing = WorkerTiming()
        timing.firstFetch = .milliseconds(200)
        timing.idleFetch = .milliseconds(600)
        timing.errorFetch = .milliseconds(1500)
        timing.afterTask = .milliseconds(300)
        timing.asleepPoll = .milliseconds(250)
        timing.retry = .milliseconds(300)
        timing.mayIRun = .milliseconds(250)
        timing.flush = .seconds(1)
        timing.killGrace = .seconds(1)
        return timing
    }

    /// Starts an agent for `manager` with its private files in `home` (default: the stand-in's `worker` folder).
    static func start(
        against manager: StandInManager, home: String? = nil, timing: WorkerTiming = scaledTiming,
        restartExitCode: Int32 = 0, taskTypes: [String] = WorkerConfiguration.defaultTaskTypes,
        name: String = "stand-in-worker", baseURL: String? = nil
    ) -> AgentHarness {
        var configuration = WorkerConfiguration()
        configuration.home = home ?? manager.home()
        configuration.restartExitCode = restartExitCode
        configuration.taskTypes = taskTypes
        configuration.timing = timing
        return start(configuration: configuration, baseURL: baseURL ?? manager.baseURL, name: name, logLevel: .critical)
    }

    /// Waits at most `seconds` for the agent to end by itself; `nil` when it is still running (it is then stopped).
    func exitCode(within seconds: Double) async -> Int32? {
        let finished = Mutex<Int32?>(nil)
        let watcher = Task { [running] in
            let code = await running.value
            finished.withLock { $0 = code }
        }
        _ = await eventually(within: seconds) { finished.withLock { $0 } != nil }
        if let code = finished.withLock({ $0 }) { return code }
        watcher.cancel()
        _ = await stop()
        return nil
    }
}

/// Stored credentials for a worker the stand-in "knows".
func storeCredentials(in home: String, workerID: String = UUID().uuidString.lowercased()) throws -> WorkerCredentials {
    var configuration = WorkerConfiguration()
    configuration.home = home
    let credentials = WorkerCredentials(workerID: workerID, secret: String(repeating: "5e", count: 32))
    try CredentialsFile(path: configuration.credentialsPath).write(credentials)
    return credentials
}

/// The upstream buffer file of a worker home, opened alongside the agent.
func bufferCount(home: String) async throws -> Int {
    var configuration = WorkerConfiguration()
    configuration.home = home
    let buffer = try UpstreamBuffer.open(path: configuration.bufferPath)
    let count = try await buffer.count()
    await buffer.close()
    return count
}

/// Queues `payloads` (JSON task updates) for `taskIDs` in a worker home, as a previous run would have.
func prefillBuffer(home: String, _ items: [(taskID: String, payload: String)]) async throws {
    var configuration = WorkerConfiguration()
    configuration.home = home
    let buffer = try UpstreamBuffer.open(path: configuration.bufferPath)
    for item in items { try await buffer.append(taskID: item.taskID, payload: Array(item.payload.utf8)) }
    await buffer.close()
}
