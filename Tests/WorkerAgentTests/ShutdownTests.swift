import Foundation
import Synchronization
import Testing
@testable import WorkerAgent

/// worker-agent.md §8.1 item 11 (§1.8): shutting down on a signal — sign-off, exit 1, running task killed without
/// a report, and bounded even when the Manager hangs.
struct ShutdownTests {
    /// Item 11, idle: cancellation (what SIGINT/SIGTERM do) → sign-off, exit 1, nothing else after.
    @Test func signalWhileIdleSignsOffAndExitsOne() async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            let agent = AgentHarness.start(against: manager)
            await manager.waitFor(.fetchTask)
            let stopping = ContinuousClock.now
            #expect(await agent.stop() == 1)
            // Well under the 20 s hard-exit fallback; the margin absorbs a fully loaded test run.
            #expect(ContinuousClock.now.seconds(since: stopping) < 12)
            let after = manager.requests.filter { $0.at >= stopping }
            #expect(after.map(\.endpoint) == [.signOff])
        }
    }

    /// Item 11, running a task: the child is killed, no failed/completed (no update at all) is sent, then sign-off,
    /// exit 1 — all within a few seconds.
    @Test func signalWhileRunningKillsTheChildAndReportsNothing() async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            let pidFile = manager.folder.appending(path: "child.pid").path
            let taskID = newTaskID()
            manager.queue(
                .fetchTask, .assign(taskID: taskID, commands: [StandInCommand.shell("echo $$ > \(pidFile); exec sleep 600")]))
            let agent = AgentHarness.start(against: manager)
            #expect(await eventually(within: 15) { FileManager.default.fileExists(atPath: pidFile) })
            try await Task.sleep(for: .milliseconds(100))
            let child = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(isRunning(child))

            let stopping = ContinuousClock.now
            #expect(await agent.stop() == 1)
            #expect(ContinuousClock.now.seconds(since: stopping) < 14)  // under the 20 s fallback, with load margin
            #expect(await eventually(within: 5) { !isRunning(child) })
            let updates = manager.requests(.taskUpdate)
            #expect(updates.first?.json["taskStatus"] as? String == "active")
            #expect(!updates.contains { ["failed", "completed"].contains($0.json["taskStatus"] as? String ?? "") })
            #expect(updates.allSatisfy { $0.at < stopping })
            #expect(manager.requests.last?.endpoint == .signOff)
        }
    }

    /// Items 11 and 35: against a Manager that never answers, shutdown makes one flush attempt of the queued update
    /// (cut off after 5 s), then a sign-off (cut off after 3 s) — far below the 20 s limit. While the update cannot be
    /// delivered the worker keeps trying to flush and asks for no task.
    @Test func shutdownAgainstAHangingManagerIsBounded() async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            try await prefillBuffer(home: manager.home(), [(taskID: newTaskID(), payload: #"{"log":"queued"}"#)])
            let hanging = Mutex(false)
            manager.fallback(.taskUpdate) { _ in hanging.withLock { $0 } ? .noContent.delayed(by: .seconds(60)) : .reset }
            manager.queue(.signOff, .noContent.delayed(by: .seconds(60)))
            var timing = AgentHarness.scaledTiming
            timing.flush = .seconds(600)
            let agent = AgentHarness.start(against: manager, timing: timing)
            // The start-up flush and at least two flushes before a fetch, all cut off.
            await manager.waitFor(.taskUpdate, count: 3)
            #expect(manager.requests(.taskUpdate).count >= 3)
            #expect(manager.requests(.fetchTask).isEmpty, "asked for a task with an update still queued")

            hanging.withLock { $0 = true }
            let stopping = ContinuousClock.now
            #expect(await agent.stop() == 1)
            let elapsed = ContinuousClock.now.seconds(since: stopping)
            #expect(elapsed >= 7.5 && elapsed < 15, "shutdown took \(elapsed) s")
            let after = manager.requests.filter { $0.at >= stopping }
            #expect(after.last?.endpoint == .signOff)
            #expect(after.dropLast().allSatisfy { $0.endpoint == .taskUpdate && $0.text == #"{"log":"queued"}"# })
            // The final flush waited out its 5 s limit before the sign-off (an arrival recorded late on a loaded
            // machine shortens the measured gap, hence the margin).
            if after.count >= 2 { #expect(after[after.count - 1].seconds(after: after[after.count - 2]) >= 3.5) }
            #expect(manager.requests(.fetchTask).isEmpty)
            #expect(try await bufferCount(home: manager.home()) == 1)
        }
    }

    /// Item 11 with the real executable: SIGTERM while idle → sign-off, exit status 1.
    @Test func executableSignsOffAndExitsOneOnSIGTERM() async throws {
        try await StandInManager.with { manager in
            let worker = try TablaoWorkerProcess.launch(
                ["--manager", "127.0.0.1:\(manager.port)", "--name", "signal-worker", "--log-level", "critical"],
                home: manager.home(), directory: manager.folder)
            await manager.waitFor(.stateChanged)
            try #require(!manager.requests(.stateChanged).isEmpty)
            let stopping = ContinuousClock.now
            worker.send(SIGTERM)
            #expect(await worker.exitStatus(within: 10) == 1)
            #expect(manager.requests.filter { $0.at >= stopping }.map(\.endpoint) == [.signOff])
            #expect(manager.requests.first?.string("name") == "signal-worker")
            #expect(Array(manager.requests.map(\.endpoint).prefix(3)) == [.registerWorker, .signOn, .stateChanged])
        }
    }

    /// Alive and not a zombie.
    private func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return true }
        return !stat[close...].dropFirst(2).hasPrefix("Z")
    }
}
