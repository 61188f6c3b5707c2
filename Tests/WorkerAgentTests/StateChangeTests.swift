import Foundation
import Testing
@testable import WorkerAgent

/// worker-agent.md §8.1 items 9 and 10 (§1.7): state changes requested through a 423 on the task fetch.
struct StateChangeTests {
    /// Item 9: 423 `{asleep}` → `state-changed {asleep}`, then `GET /worker/state` every asleepPoll (204, errors and
    /// resets keep it asleep) and no task fetch; a 200 `{awake}` → `state-changed {awake}` and fetching resumes.
    @Test func sleepsOnRequestPollsTheStateAndWakesUpAgain() async throws {
        let lag = TimerLagProbe.start()
        defer { lag.stop() }
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            let timing = AgentHarness.scaledTiming
            manager.queue(.fetchTask, .stateRequest("asleep", status: 423))
            manager.queue(.state, .noContent, .error(500), .reset, .error(403), .noContent, .stateRequest("awake"))
            let agent = AgentHarness.start(against: manager, timing: timing)
            await manager.waitFor(.fetchTask, count: 2)
            #expect(await agent.stop() == 1)

            let requests = manager.requests.filter { $0.endpoint != .signOff }
            try #require(requests.count >= 12, "the agent stopped before it woke up and fetched again: \(requests.map(\.endpoint))")
            #expect(requests.map(\.endpoint) == [
                .signOn, .stateChanged, .fetchTask, .stateChanged, .state, .state, .state, .state, .state, .state,
                .stateChanged, .fetchTask,
            ])
            #expect(requests.filter { $0.endpoint == .stateChanged }.map { $0.string("status") } == ["awake", "asleep", "awake"])
            let polls = requests.filter { $0.endpoint == .state }
            let asleepAcknowledged = requests[3]
            #expect(polls[0].seconds(after: asleepAcknowledged) >= 0.85 * timing.asleepPoll.seconds)
            for (earlier, later) in zip(polls, polls.dropFirst()) {
                let gap = later.seconds(after: earlier)
                // Upper bounds only catch a wrong, much longer wait: `swift test` loads both cores with every suite.
                #expect(gap >= 0.85 * timing.asleepPoll.seconds && gap <= timing.asleepPoll.seconds + 2 + 2 * lag.worst, "poll gap \(gap)")
            }
            let resumed = requests[11].seconds(after: requests[10])
            #expect(resumed >= 0.85 * timing.firstFetch.seconds && resumed <= 1.1 * timing.firstFetch.seconds + 2 + 2 * lag.worst)
        }
    }

    /// Item 10: 423 `{offline}` → no state-changed, sign-off, exit 0; 423 `{restart}` → sign-off, exit with the
    /// restart exit code.
    @Test(arguments: [("offline", Int32(0), Int32(0)), ("restart", 47, 47)])
    func leavesOnA423Request(requested: String, restartExitCode: Int32, exitCode: Int32) async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            manager.queue(.fetchTask, .stateRequest(requested, status: 423))
            let agent = AgentHarness.start(against: manager, restartExitCode: restartExitCode)
            #expect(await agent.exitCode(within: 10) == exitCode)
            #expect(manager.requests.map(\.endpoint) == [.signOn, .stateChanged, .fetchTask, .signOff])
        }
    }

    /// Item 10 with the real executable: `--restart-exit-code 47` and a 423 `{restart}` → exit status 47 after
    /// sign-off; `can_restart` was sent at sign-on.
    @Test func executableExitsWithTheRestartExitCode() async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            manager.queue(.fetchTask, .stateRequest("restart", status: 423))
            let worker = try TablaoWorkerProcess.launch(
                ["--manager", "127.0.0.1:\(manager.port)", "--restart-exit-code", "47", "--log-level", "critical"],
                home: manager.home(), directory: manager.folder)
            #expect(await worker.exitStatus(within: 20) == 47)
            #expect(manager.requests.map(\.endpoint) == [.signOn, .stateChanged, .fetchTask, .signOff])
            #expect(manager.requests.first?.json["can_restart"] as? Bool == true)
        }
    }
}
