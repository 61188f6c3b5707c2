import FarmModel
import Foundation
import NIOHTTP1
import Testing
import WorkerAgent

/// may-i-run "no" aborts the running command and nothing more is reported for the task.
@Suite(.serialized) struct AbortTests {
    @Test func canceledJobAbortsSleepWithoutFailure() async throws {
        try await WorkerFarm.with { farm, baseURL in
            let http = ManagerHTTP(baseURL: baseURL)
            let job = JobID(unchecked: try await http.submitEchoSleep(message: "x", sleepSeconds: 30, repeats: 1))
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            let sleeping = try await eventually { try await farm.tasks(of: job).last?.status == .active }
            #expect(sleeping)
            let started = ContinuousClock.now
            let (status, _) = try await http.send(
                .POST, "/api/v3/jobs/\(job.rawValue)/setstatus", json: ["status": "cancel-requested", "reason": "test"])
            #expect(status == 204)
            // The worker moves on: a new job is picked up soon after the abort, long before the 30 s sleep ends.
            let next = JobID(unchecked: try await http.submitEchoSleep(message: "after", sleepSeconds: 0, repeats: 0))
            let nextDone = try await eventually(within: 15) { try await farm.job(next).status == .completed }
            #expect(nextDone)
            #expect(ContinuousClock.now - started < .seconds(15))
            let sleepTask = try #require(try await farm.tasks(of: job).last)
            #expect(sleepTask.status == .canceled)
            #expect(!farm.log(of: sleepTask).contains("Failed"))
            #expect(!farm.log(of: sleepTask).contains("slept"))
            #expect(await agent.stop() == 1)
        }
    }

    @Test func canceledJobKillsWholeProcessGroup() async throws {
        try await WorkerFarm.with { farm, baseURL in
            let http = ManagerHTTP(baseURL: baseURL)
            let pidFile = farm.folder.appending(path: "grandchild.pid").path
            let job = try await farm.seedJob(tasks: [
                CompiledTask(
                    name: "hang", taskType: "misc", priority: 50,
                    commands: [
                        CompiledCommand(
                            name: "exec",
                            parameters: [
                                "exe": .string("/bin/sh"),
                                "args": .array([.string("-c"), .string("sleep 600 & echo $! > \(pidFile); wait")]),
                            ], totalStepCount: 0)
                    ])
            ])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            let spawned = await eventually { FileManager.default.fileExists(atPath: pidFile) }
            #expect(spawned)
            try await Task.sleep(for: .milliseconds(100))
            let text = try String(contentsOfFile: pidFile, encoding: .utf8)
            let grandchild = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
            try await http.send(
                .POST, "/api/v3/jobs/\(job.rawValue)/setstatus", json: ["status": "cancel-requested", "reason": "test"])
            let gone = await eventually(within: 10) { !isAlive(grandchild) }
            #expect(gone)
            let task = try #require(try await farm.tasks(of: job).first)
            #expect(task.status == .canceled)
            #expect(!farm.log(of: task).contains("Failed"))
            #expect(await agent.stop() == 1)
        }
    }

    /// Alive and not a zombie.
    private func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return true }
        return !stat[close...].dropFirst(2).hasPrefix("Z")
    }
}
