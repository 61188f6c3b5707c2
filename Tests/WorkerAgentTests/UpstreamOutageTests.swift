import Foundation
import Synchronization
import Testing
@testable import WorkerAgent

/// worker-agent.md §8.1 items 33–35 (§6): task updates while the Manager is unreachable, flushing, and the buffer
/// across runs and at shutdown.
struct UpstreamOutageTests {
    /// Item 33: the Manager goes down mid-task: the task keeps running, its updates are stored in order, and once the
    /// Manager is back they are delivered oldest first within a flush period or two; an update produced after the
    /// return while older ones still wait is queued behind them (no overtaking).
    @Test func outageMidTaskQueuesUpdatesAndDeliversThemInOrder() async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            var timing = AgentHarness.scaledTiming
            timing.logChunkAge = .zero  // every output line is its own log update
            let go1 = manager.folder.appending(path: "go1").path
            let go2 = manager.folder.appending(path: "go2").path
            let done = manager.folder.appending(path: "done").path
            let taskID = newTaskID()
            let script = """
                echo one; while [ ! -e \(go1) ]; do sleep 0.05; done
                echo two; while [ ! -e \(go2) ]; do sleep 0.05; done
                echo three; touch \(done)
                """
            manager.queue(.fetchTask, .assign(taskID: taskID, commands: [StandInCommand.shell(script)]))
            let agent = AgentHarness.start(against: manager, timing: timing)
            let one = await manager.waitFor { $0.string("log")?.hasSuffix("> one\n") == true }
            try #require(one.count == 1)

            await manager.stop()
            _ = FileManager.default.createFile(atPath: go1, contents: nil)
            #expect(try await eventually(within: 10) { try await bufferCount(home: manager.home()) == 1 })
            manager.queue(.taskUpdate, .reset)  // the first delivery after the return fails: the queue stays non-empty
            let back = ContinuousClock.now
            try await manager.start()
            _ = FileManager.default.createFile(atPath: go2, contents: nil)
            let completed = await manager.waitFor(within: 15) { $0.json["taskStatus"] as? String == "completed" }
            // Stopping while a flush is in flight could cut its request off after delivery and send it again.
            #expect(try await eventually(within: 5) { try await bufferCount(home: manager.home()) == 0 })
            #expect(await agent.stop() == 1)
            try #require(completed.count == 1)

            #expect(FileManager.default.fileExists(atPath: done))
            let updates = manager.requests(.taskUpdate)
            #expect(updates.allSatisfy { $0.taskID == taskID })
            let before = updates.filter { $0.at < back }
            #expect(before.map(summary) == ["Started", "going to run:", "> one"])
            let after = updates.filter { $0.at >= back }
            #expect(after.map(\.answered) == [nil, 204, 204, 204, 204])
            #expect(after.map(summary) == ["> two", "> two", "> three", "Progress", "Completed"])
            #expect(!updates.contains { $0.json["taskStatus"] as? String == "failed" })
            #expect(completed[0].at.seconds(since: back) <= 2 * timing.flush.seconds + 2)
            #expect(try await bufferCount(home: manager.home()) == 0)
        }
    }

    /// Item 34: a queued update answered 409, 404, 400 or 500 is dropped and the flush goes on; a network error stops
    /// the flush and keeps the update at the head for the next one.
    @Test func flushDropsAnsweredUpdatesAndStopsAtANetworkError() async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            let items = (1...6).map { (taskID: newTaskID(), payload: #"{"log":"item \#($0)"}"#) }
            try await prefillBuffer(home: manager.home(), items)
            manager.queue(.taskUpdate, .error(409), .error(404), .error(400), .error(500), .reset)
            let agent = AgentHarness.start(against: manager)
            let flushed = await manager.waitFor(.taskUpdate, count: 7)
            #expect(try await eventually(within: 5) { try await bufferCount(home: manager.home()) == 0 })
            #expect(await agent.stop() == 1)
            try #require(flushed.count == 7)

            #expect(flushed.map(\.text) == [1, 2, 3, 4, 5, 5, 6].map { #"{"log":"item \#($0)"}"# })
            #expect(flushed.map(\.taskID) == [0, 1, 2, 3, 4, 4, 5].map { items[$0].taskID })
            #expect(flushed.map(\.answered) == [409, 404, 400, 500, nil, 204, 204])
            let acknowledged = try #require(manager.requests(.stateChanged).first)
            #expect(acknowledged.at > flushed[4].at && acknowledged.at < flushed[5].at)
            #expect(try await bufferCount(home: manager.home()) == 0)
        }
    }

    /// Item 35: updates queued when the worker was SIGKILLed (the real executable) are flushed by the next run right
    /// after sign-on, before its first state-changed.
    @Test func updatesQueuedBeforeAKillAreFlushedRightAfterTheNextSignOn() async throws {
        try await StandInManager.with { manager in
            let credentials = try storeCredentials(in: manager.home())
            let taskID = newTaskID()
            manager.queue(.fetchTask, .assign(taskID: taskID, commands: [StandInCommand.echo("while down")]))
            manager.queue(.taskUpdate, .noContent)  // "Started"; everything after it fails
            manager.fallback(.taskUpdate) { _ in .reset }
            let worker = try TablaoWorkerProcess.launch(
                ["--manager", manager.baseURL, "--log-level", "critical"], home: manager.home(), directory: manager.folder)
            let queued = try await eventually(within: 20) { try await bufferCount(home: manager.home()) == 3 }
            worker.send(SIGKILL)
            #expect(await worker.exitStatus(within: 10) == -SIGKILL)
            try #require(queued)
            #expect(manager.requests(.signOff).isEmpty)

            manager.fallback(.taskUpdate) { StandInManager.standardReply(to: $0) }
            let restarted = ContinuousClock.now
            let agent = AgentHarness.start(against: manager)
            await manager.waitFor(.stateChanged, count: 2)
            #expect(await agent.stop() == 1)

            let second = manager.requests.filter { $0.at >= restarted }
            #expect(Array(second.map(\.endpoint).prefix(5)) == [.signOn, .taskUpdate, .taskUpdate, .taskUpdate, .stateChanged])
            let flushed = second.filter { $0.endpoint == .taskUpdate }
            #expect(flushed.map(\.taskID) == [taskID, taskID, taskID])
            #expect(flushed.map { $0.string("log") ?? $0.string("activity") } == [#"echo: "while down""#, "Progress", "Completed"])
            #expect(flushed.allSatisfy {
                $0.answered == 204 && $0.headers["authorization"] == StandInRequest.basic(credentials.workerID, credentials.secret)
            })
            #expect(try await bufferCount(home: manager.home()) == 0)
        }
    }

    /// Item 35: a normal shutdown (here an asleep worker told to go `offline`) with a non-empty queue makes one flush
    /// attempt before sign-off: it delivers everything if it can, and stops at the first network error otherwise.
    @Test(arguments: [true, false])
    func normalShutdownFlushesOnceBeforeSigningOff(managerTakesUpdates: Bool) async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            let items = (1...2).map { (taskID: newTaskID(), payload: #"{"log":"kept \#($0)"}"#) }
            try await prefillBuffer(home: manager.home(), items)
            manager.queue(.taskUpdate, .reset, managerTakesUpdates ? .noContent : .reset)
            manager.queue(.signOn, .stateRequest("asleep"))
            manager.queue(.state, .stateRequest("offline"))
            var timing = AgentHarness.scaledTiming
            timing.flush = .seconds(600)
            let agent = AgentHarness.start(against: manager, timing: timing)
            #expect(await agent.exitCode(within: 10) == 0)

            let endpoints = manager.requests.map(\.endpoint)
            if managerTakesUpdates {
                #expect(endpoints == [.signOn, .taskUpdate, .stateChanged, .state, .taskUpdate, .taskUpdate, .signOff])
                #expect(manager.requests(.taskUpdate).map(\.text) == [items[0], items[0], items[1]].map(\.payload))
                #expect(try await bufferCount(home: manager.home()) == 0)
            } else {
                #expect(endpoints == [.signOn, .taskUpdate, .stateChanged, .state, .taskUpdate, .signOff])
                #expect(manager.requests(.taskUpdate).map(\.text) == [items[0], items[0]].map(\.payload))
                #expect(try await bufferCount(home: manager.home()) == 2)
            }
        }
    }
}

/// A task that ends while the Manager is down must not run again when the Manager is back. The stand-in answers a
/// fetch the way the real Manager does for a worker whose task is still `active`: it offers that task again, until
/// the task's `completed` update has arrived. The periodic flush is out of the way (10 min), so only flushing before
/// each fetch can deliver the queued end of the task in time.
struct TaskEndedDuringOutageTests {
    @Test func queuedUpdatesAreFlushedBeforeAskingForWorkSoTheTaskIsNotRunAgain() async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            var timing = AgentHarness.scaledTiming
            timing.flush = .seconds(600)
            let runs = manager.folder.appending(path: "runs").path
            let go = manager.folder.appending(path: "go").path
            let taskID = newTaskID()
            let assignment = StandInReply.assign(
                taskID: taskID,
                commands: [StandInCommand.shell("echo run >> \(runs); while [ ! -e \(go) ]; do sleep 0.05; done")])
            let completedArrived = Mutex(false)
            manager.fallback(.taskUpdate) { update in
                if update.json["taskStatus"] as? String == "completed" { completedArrived.withLock { $0 = true } }
                return .noContent
            }
            manager.fallback(.fetchTask) { _ in completedArrived.withLock { $0 } ? .noContent : assignment }
            let agent = AgentHarness.start(against: manager, timing: timing)
            let started = await manager.waitFor { $0.string("activity") == "Started" }
            try #require(started.count == 1)

            await manager.stop()
            _ = FileManager.default.createFile(atPath: go, contents: nil)
            // The output chunk, the step and "Completed" wait in the worker's queue.
            let queued = try await eventually(within: 10) { try await bufferCount(home: manager.home()) == 3 }
            try #require(queued)
            try await Task.sleep(for: .seconds(1))  // the worker tries to reach the Manager meanwhile
            let back = ContinuousClock.now
            try await manager.start()
            let completed = await manager.waitFor(within: 10) { $0.json["taskStatus"] as? String == "completed" }
            let fetched = await manager.waitFor(within: 10) { $0.endpoint == .fetchTask && $0.at >= back }
            #expect(await agent.stop() == 1)

            try #require(completed.count == 1, "the task's end never reached the Manager")
            #expect(fetched.allSatisfy { $0.at > completed[0].at }, "asked for work before flushing its queue")
            #expect(!fetched.isEmpty)
            let lines = try String(contentsOfFile: runs, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 1, "the task ran \(lines.count) times")
            #expect(manager.requests(.taskUpdate).filter { $0.string("activity") == "Started" }.count == 1)
            #expect(try await bufferCount(home: manager.home()) == 0)
        }
    }
}

/// A task update in short: its activity, `going to run:` for the command block, or `> <output>` for an output line.
private func summary(_ update: StandInRequest) -> String {
    if let activity = update.string("activity") { return activity }
    let log = update.string("log") ?? ""
    if log.hasPrefix("going to run:") { return "going to run:" }
    guard let marker = log.range(of: "> ") else { return log }
    return String(log[marker.lowerBound...]).trimmingCharacters(in: .newlines)
}
