import Foundation
import Testing
@testable import WorkerAgent

/// worker-agent.md §8.1 items 16, 17 and 36 (§2.2, §2.4, §2.6): how the Manager's answers to task updates and
/// may-i-run affect a running task.
struct TaskAnswerTests {
    /// Item 16: 409 (or another 4xx) on "Started" → no command runs, nothing else is sent for the task, the next
    /// fetch comes afterTask + firstFetch later.
    @Test(arguments: [409, 400])
    func refusedStartAbandonsTheTaskBeforeAnyCommand(status: Int) async throws {
        let lag = TimerLagProbe.start()
        defer { lag.stop() }
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            // The pause (afterTask + firstFetch, 1 s) must stay below the error wait (6 s) even on a loaded machine.
            var timing = AgentHarness.scaledTiming
            timing.afterTask = .milliseconds(500)
            timing.firstFetch = .milliseconds(500)
            timing.idleFetch = .seconds(3)
            timing.errorFetch = .seconds(6)
            let marker = manager.folder.appending(path: "ran").path
            let taskID = newTaskID()
            manager.queue(.fetchTask, .assign(taskID: taskID, commands: [StandInCommand.exec("/bin/touch", [marker])]))
            manager.queue(.taskUpdate, .error(status))
            let agent = AgentHarness.start(against: manager, timing: timing)
            let fetches = await manager.waitFor(.fetchTask, count: 3)
            #expect(await agent.stop() == 1)
            try #require(fetches.count >= 2)

            #expect(!FileManager.default.fileExists(atPath: marker))
            let updates = manager.requests(.taskUpdate)
            #expect(updates.count == 1)
            #expect(updates.first?.json["taskStatus"] as? String == "active")
            #expect(manager.requests(.mayIRun).isEmpty)
            let started = try #require(updates.first)
            let pause = fetches[1].seconds(after: started)
            let nominal = timing.afterTask.seconds + timing.firstFetch.seconds
            #expect(
                pause >= 0.85 * (timing.afterTask.seconds + 0.9 * timing.firstFetch.seconds)
                    && pause < max(1.1 * nominal, 0.9 * timing.errorFetch.seconds) + 2 * lag.worst,
                "next fetch \(pause) s after the refused start")
        }
    }

    /// Item 17: may-i-run is polled every mayIRun period while the task runs; network errors, error codes and
    /// unreadable answers keep it running; polling stops with the task.
    @Test func mayIRunIsPolledAndItsFailuresDoNotStopTheTask() async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            let timing = AgentHarness.scaledTiming
            let taskID = newTaskID()
            manager.queue(.fetchTask, .assign(taskID: taskID, commands: [StandInCommand.sleep(seconds: 6)]))
            manager.queue(.mayIRun, .reset, .error(500), .error(403), .error(404), .notJSON, .json(200, ["unexpected": 1]))
            let agent = AgentHarness.start(against: manager, timing: timing)
            let completed = await manager.waitFor(within: 30) { $0.json["taskStatus"] as? String == "completed" }
            try await Task.sleep(for: .milliseconds(3 * 250))
            #expect(await agent.stop() == 1)
            try #require(completed.count == 1)

            let updates = manager.requests(.taskUpdate).filter { $0.taskID == taskID }
            #expect(updates.map { $0.string("activity") } == ["Started", nil, "Progress", "Completed"])
            #expect(updates.contains { $0.string("log") == "slept 6s" })
            #expect(!updates.contains { $0.json["taskStatus"] as? String == "failed" })
            let polls = manager.requests(.mayIRun)
            // About 24 polls in 6 s; 6 leaves room for a loaded machine and still covers every scripted answer.
            #expect(polls.count >= 6 && polls.allSatisfy { $0.taskID == taskID })
            let started = try #require(updates.first)
            #expect(polls[0].seconds(after: started) >= 0.85 * timing.mayIRun.seconds)
            for (earlier, later) in zip(polls, polls.dropFirst()) {
                #expect(later.seconds(after: earlier) >= 0.85 * timing.mayIRun.seconds)
            }
            #expect(polls.filter { $0.at > completed[0].at }.count <= 1, "may-i-run still polled after the task")
        }
    }

    /// Item 36 (Tablao, §2.6): a 5xx on a live log update does not fail the task — the update is queued and
    /// delivered later, everything after it follows in order.
    @Test(arguments: [500, 503])
    func transientServerErrorOnALogUpdateDoesNotFailTheTask(status: Int) async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            let taskID = newTaskID()
            manager.queue(
                .fetchTask,
                .assign(taskID: taskID, commands: [StandInCommand.echo("one"), StandInCommand.echo("two")]))
            manager.queue(.taskUpdate, .noContent, .error(status))
            let agent = AgentHarness.start(against: manager)
            let completed = await manager.waitFor(within: 15) { $0.json["taskStatus"] as? String == "completed" }
            // Stopping while a flush is in flight could cut its request off after delivery and send it again.
            #expect(try await eventually(within: 5) { try await bufferCount(home: manager.home()) == 0 })
            #expect(await agent.stop() == 1)
            try #require(completed.count == 1)

            let updates = manager.requests(.taskUpdate)
            #expect(!updates.contains { $0.json["taskStatus"] as? String == "failed" })
            #expect(updates.map(\.answered) == [204, status, 204, 204, 204, 204, 204])
            let delivered = updates.filter { $0.answered == 204 }.map { $0.json as NSDictionary }
            let expected: [[String: Any]] = [
                ["activity": "Started", "taskStatus": "active"], ["log": #"echo: "one""#],
                ["activity": "Progress", "steps_completed": 1], ["log": #"echo: "two""#],
                ["activity": "Progress", "steps_completed": 2], ["activity": "Completed", "taskStatus": "completed"],
            ]
            #expect(delivered == expected.map { $0 as NSDictionary }, "delivered: \(delivered)")
        }
    }

    /// Item 36: 409 on a live log update abandons the task: the next command does not run and nothing more is sent.
    @Test func conflictOnALogUpdateAbandonsTheTask() async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            let marker = manager.folder.appending(path: "ran").path
            let taskID = newTaskID()
            manager.queue(
                .fetchTask,
                .assign(taskID: taskID, commands: [StandInCommand.echo("one"), StandInCommand.exec("/bin/touch", [marker])]))
            manager.queue(.taskUpdate, .noContent, .error(409))
            let agent = AgentHarness.start(against: manager)
            await manager.waitFor(.fetchTask, count: 2)
            try await Task.sleep(for: .milliseconds(300))
            #expect(await agent.stop() == 1)

            #expect(!FileManager.default.fileExists(atPath: marker))
            let updates = manager.requests(.taskUpdate)
            #expect(updates.map(\.answered) == [204, 409])
            #expect(updates.last?.string("log") == #"echo: "one""#)
            #expect(try await bufferCount(home: manager.home()) == 0)
        }
    }
}
