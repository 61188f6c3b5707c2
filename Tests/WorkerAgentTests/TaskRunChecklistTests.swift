import FarmModel
import Foundation
import NIOHTTP1
import Synchronization
import Testing
import WorkerAgent

/// worker-agent.md §8.1 items 12–15, 18, 19: the updates a task produces, in order, as the Manager received them.
@Suite(.serialized) struct TaskRunChecklistTests {
    /// Item 12: "Started" is the first update, exactly, and the worker waits for its answer before running anything.
    @Test func startedComesFirstAndBeforeAnyCommandRuns() async throws {
        let marker = FileManager.default.temporaryDirectory.appending(path: "tablao-started-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let markerWhileHeld = Mutex<[Bool]>([])
        let recorder = RequestRecorder { request in
            guard request.path.hasPrefix("/api/v3/worker/task/"), request.update?.taskStatus == "active" else { return }
            try? await Task.sleep(for: .milliseconds(300))  // a worker that does not wait would run the command now
            let exists = FileManager.default.fileExists(atPath: marker)
            markerWhileHeld.withLock { $0.append(exists) }
        }
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let (job, taskID) = try await Checklist.seed(
                farm,
                [Checklist.exec("/bin/touch", [.string(marker)]), Checklist.command("echo", ["message": .string("x")])])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await Checklist.finalStatus(of: job, in: farm) == .completed)
            let updates = recorder.updates(of: taskID)
            #expect(updates.first == .started)
            #expect(updates.first?.unexpected == [])
            #expect(updates.dropFirst().allSatisfy { $0.taskStatus != "active" })
            #expect(markerWhileHeld.withLock { $0 } == [false])
            #expect(FileManager.default.fileExists(atPath: marker))
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 13: an `echo-sleep-test` job's exact update sequences, and `slept 1s`.
    @Test func echoSleepTestSendsItsUpdatesInOrder() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let http = ManagerHTTP(baseURL: baseURL)
            let submitted = try await http.submitEchoSleep(message: "hi \"farm\"", sleepSeconds: 1, repeats: 1)
            let job = JobID(unchecked: submitted)
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await Checklist.finalStatus(of: job, in: farm) == .completed)
            let tasks = try await farm.tasks(of: job)
            try #require(tasks.count == 2)
            #expect(recorder.updates(of: tasks[0].id.rawValue) == [
                .started, .logText(#"echo: "hi \"farm\"""#), .progress(1), .completed,
            ])
            let sleepUpdates = recorder.updates(of: tasks[1].id.rawValue)
            #expect(sleepUpdates == [.started, .logText("slept 1s"), .progress(1), .completed])
            let sleepRequests = recorder.requests.filter { $0.path == "/api/v3/worker/task/\(tasks[1].id.rawValue)" }
            if sleepRequests.count == 4, let started = sleepRequests[0].answered {
                #expect(sleepRequests[1].received - started >= .seconds(1))
            }
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 14: commands run in order; count-0 commands add a step, count > 0 (non-Blender) none; a re-offered task
    /// counts from 0 again.
    @Test func stepsCountPerRunAndRestartForAReofferedTask() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let flag = farm.folder.appending(path: "second-run").path
            let (job, taskID) = try await Checklist.seed(farm, [
                Checklist.command("echo", ["message": .string("first")]),
                Checklist.exec("/bin/echo", [.string("second")], steps: 2),
                Checklist.command("echo", ["message": .string("third")]),
                Checklist.shell("if [ -e \(flag) ]; then echo fourth; else touch \(flag); exit 1; fi"),
            ])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            // the first run fails the job (no other worker is left to retry); a user's requeue of the job clears the
            // failure list, so the task is offered to the same worker again
            let failedOnce = try await eventually { try await farm.job(job).status == .failed }
            #expect(failedOnce)
            let (requeued, _) = try await ManagerHTTP(baseURL: baseURL).send(
                .POST, "/api/v3/jobs/\(job.rawValue)/setstatus", json: ["status": "requeueing", "reason": "again"])
            #expect(requeued == 204)
            #expect(try await Checklist.finalStatus(of: job, in: farm) == .completed)
            let updates = recorder.updates(of: taskID)
            var runs: [[SentUpdate]] = []
            for update in updates {
                if update == .started || runs.isEmpty { runs.append([]) }
                runs[runs.count - 1].append(update)
            }
            try #require(runs.count == 2)
            // first run: steps 1 and 2 (the count-2 exec adds none), then the failure
            #expect(runs[0].compactMap(\.steps) == [1, 2])
            #expect(runs[0].last?.taskStatus == "failed")
            // second run: counting starts at 0 again; each step right after its own command's log text
            let second = runs[1]
            try #require(second.count == 9, "\(second)")
            #expect(second[0] == .started)
            #expect(second[1] == .logText(#"echo: "first""#))
            #expect(second[2] == .progress(1))
            #expect(second[3].isLogOnly && second[3].log?.contains("> second\n") == true)
            #expect(second[4] == .logText(#"echo: "third""#))
            #expect(second[5] == .progress(2))
            #expect(second[6].isLogOnly && second[6].log?.contains("> fourth\n") == true)
            #expect(second[7] == .progress(3))
            #expect(second[8] == .completed)
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 15: a failing command gives exactly one `failed` update (same text as activity and log) and stops the
    /// task; an unknown command fails the same way; a task without commands goes Started → Completed.
    @Test func failureIsOneUpdateAndStopsTheTask() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(thresholds: Checklist.hardFail, recorder: recorder) { farm, baseURL in
            let never = farm.folder.appending(path: "never").path
            let failing = try await Checklist.seed(farm, "failing", [
                Checklist.command("echo", ["message": .string("before")]),
                Checklist.shell("echo output; exit 3"),
                Checklist.exec("/bin/touch", [.string(never)]),
            ])
            let unknown = try await Checklist.seed(farm, "unknown", [
                Checklist.command("frobnicate", ["x": .int(1)]), Checklist.exec("/bin/touch", [.string(never)]),
            ])
            let empty = try await Checklist.seed(farm, "empty", [])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            for job in [failing.job, unknown.job] {
                #expect(try await Checklist.finalStatus(of: job, in: farm) == .failed)
            }
            #expect(try await Checklist.finalStatus(of: empty.job, in: farm) == .completed)

            let failed = recorder.updates(of: failing.taskID)
            let failures = failed.filter { $0.taskStatus == "failed" }
            #expect(failures.count == 1)
            #expect(failed.last == failures.first)
            let failure = try #require(failures.first)
            #expect(failure.activity == failure.log && failure.steps == nil && failure.unexpected.isEmpty)
            #expect(failure.activity?.hasPrefix("Failed: ") == true)
            #expect(failure.activity?.contains("code 3") == true)
            #expect(failed.compactMap(\.steps) == [1])
            #expect(failed.first == .started)

            let reason = #"Failed: unknown command: "frobnicate""#
            #expect(recorder.updates(of: unknown.taskID) == [
                .started, SentUpdate(taskStatus: "failed", activity: reason, log: reason),
            ])
            #expect(recorder.updates(of: empty.taskID) == [.started, .completed])
            #expect(!FileManager.default.fileExists(atPath: never))
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 18: may-i-run "no" (job cancelled) → the child's whole process group is gone within seconds, nothing
    /// more is sent for the task, and the worker fetches again after its pause.
    @Test func abortKillsTheGroupAndReportsNothing() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let http = ManagerHTTP(baseURL: baseURL)
            let pidFile = farm.folder.appending(path: "grandchild.pid").path
            let (job, taskID) = try await Checklist.seed(farm, [
                Checklist.shell("sleep 600 & echo $! > \(pidFile); echo child $$; wait"),
                Checklist.command("echo", ["message": .string("never")]),
            ])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            let spawned = await eventually { FileManager.default.fileExists(atPath: pidFile) }
            #expect(spawned)
            try await Task.sleep(for: .milliseconds(100))
            let pidText = try String(contentsOfFile: pidFile, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let grandchild = try #require(Int32(pidText))
            let (status, _) = try await http.send(
                .POST, "/api/v3/jobs/\(job.rawValue)/setstatus", json: ["status": "cancel-requested", "reason": "test"])
            #expect(status == 204)
            let cancelled = ContinuousClock.now
            let gone = await eventually(within: 10) { !ProcessProbe.isAlive(grandchild) }
            #expect(gone)
            #expect(ContinuousClock.now - cancelled < .seconds(8))
            let fetchedAgain = await eventually { recorder.fetches.contains { $0.received > cancelled } }
            #expect(fetchedAgain)

            #expect(recorder.updates(of: taskID) == [.started])
            let polls = recorder.mayIRunPolls(of: taskID)
            let lastPoll = try #require(polls.last?.answered)
            let nextFetch = try #require(recorder.fetches.first { $0.received > lastPoll })
            let pause = AgentHarness.fastTiming.afterTask + AgentHarness.fastTiming.firstFetch * 0.9
            #expect(nextFetch.received - lastPoll >= pause)
            #expect(try await farm.tasks(of: job).first?.status == .canceled)
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 18, status change: a non-lazy `asleep` request stops the task silently; the next fetch gets the 423 and
    /// the worker acknowledges `asleep`.
    @Test func statusChangeRequestAbortsAndTheNextFetchGets423() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let http = ManagerHTTP(baseURL: baseURL)
            let (job, taskID) = try await Checklist.seed(
                farm, [Checklist.command("sleep", ["duration_in_seconds": .int(30)])])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await eventually { try await farm.tasks(of: job).first?.status == .active })
            let workerID = try #require(try await http.workers().first?["id"] as? String)
            let requested = ContinuousClock.now
            let (status, _) = try await http.send(
                .POST, "/api/v3/worker-mgt/workers/\(workerID)/setstatus", json: ["status": "asleep", "is_lazy": false])
            #expect(status == 204)
            #expect(try await eventually { try await http.workers().first?["status"] as? String == "asleep" })

            #expect(recorder.updates(of: taskID) == [.started])
            let refused = try #require(recorder.fetches.first { $0.received > requested })
            #expect(refused.status == 423)
            let acknowledged = recorder.requests.first {
                $0.path == "/api/v3/worker/state-changed" && $0.received > refused.received
            }
            #expect(acknowledged.map { String(decoding: $0.body, as: UTF8.self) } == #"{"status":"asleep"}"#)
            #expect(!recorder.fetches.contains { $0.received > refused.received })
            #expect(ContinuousClock.now - requested < .seconds(10))
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 19: a lazy status request lets the task finish ("Completed" is sent); the next fetch gets the 423.
    @Test func lazyStatusRequestWaitsForTheTask() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let http = ManagerHTTP(baseURL: baseURL)
            let go = farm.folder.appending(path: "go").path
            let (job, taskID) = try await Checklist.seed(
                farm, [Checklist.shell("while [ ! -e \(go) ]; do sleep 0.05; done")])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await eventually { try await farm.tasks(of: job).first?.status == .active })
            let workerID = try #require(try await http.workers().first?["id"] as? String)
            let (status, _) = try await http.send(
                .POST, "/api/v3/worker-mgt/workers/\(workerID)/setstatus", json: ["status": "asleep", "is_lazy": true])
            #expect(status == 204)
            let pollsBefore = recorder.mayIRunPolls(of: taskID).count
            #expect(await eventually { recorder.mayIRunPolls(of: taskID).count >= pollsBefore + 2 })
            _ = FileManager.default.createFile(atPath: go, contents: nil)
            #expect(try await eventually { try await http.workers().first?["status"] as? String == "asleep" })

            #expect(try await farm.tasks(of: job).first?.status == .completed)
            #expect(recorder.updates(of: taskID).last == .completed)
            let completedAt = try #require(
                recorder.requests.last { $0.path == "/api/v3/worker/task/\(taskID)" }?.received)
            let next = try #require(recorder.fetches.first { $0.received > completedAt })
            #expect(next.status == 423)
            #expect(await agent.stop() == 1)
        }
    }
}
