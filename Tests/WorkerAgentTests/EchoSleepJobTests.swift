import FarmModel
import Foundation
import NIOHTTP1
import Testing
import WorkerAgent

/// A worker registers, signs on and runs an `echo-sleep-test` job; its credentials survive a restart.
@Suite(.serialized) struct EchoSleepJobTests {
    @Test func runsEchoSleepJobAndReusesCredentials() async throws {
        try await WorkerFarm.with { farm, baseURL in
            let http = ManagerHTTP(baseURL: baseURL)
            let home = farm.workerHome()
            let jobText = try await http.submitEchoSleep(message: "hello \"farm\"", sleepSeconds: 0, repeats: 2)
            let job = JobID(unchecked: jobText)

            let first = AgentHarness.start(baseURL: baseURL, home: home)
            let done = try await eventually { try await farm.job(job).status == .completed }
            #expect(done)

            let tasks = try await farm.tasks(of: job)
            #expect(tasks.count == 3)
            #expect(tasks.allSatisfy { $0.status == .completed && $0.stepsCompleted == 1 })
            #expect(farm.log(of: tasks[0]).contains(#"echo: "hello \"farm\"""#))
            #expect(farm.log(of: tasks[1]).contains("slept 0s"))
            #expect(!farm.log(of: tasks[1]).contains("Failed"))

            let credentialsPath = first.configuration.credentialsPath
            let mode = try FileManager.default.attributesOfItem(atPath: credentialsPath)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let stored = try String(contentsOfFile: credentialsPath, encoding: .utf8)
            let secret = try #require(CredentialsFile(path: credentialsPath).read()).secret
            #expect(secret.count == 64 && secret.allSatisfy { "0123456789abcdef".contains($0) })

            #expect(await first.stop() == 1)
            #expect(try await http.workers().first?["status"] as? String == "offline")

            let second = AgentHarness.start(baseURL: baseURL, home: home)
            let awakeAgain = try await eventually { try await http.workers().first?["status"] as? String == "awake" }
            #expect(awakeAgain)
            #expect(try await http.workers().count == 1)
            #expect(try String(contentsOfFile: credentialsPath, encoding: .utf8) == stored)
            #expect(await second.stop() == 1)
        }
    }

    @Test func offlineRequestEndsWithExitZero() async throws {
        try await WorkerFarm.with { farm, baseURL in
            let http = ManagerHTTP(baseURL: baseURL)
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            let awake = try await eventually { try await http.workers().first?["status"] as? String == "awake" }
            #expect(awake)
            let id = try #require(try await http.workers().first?["id"] as? String)
            let (status, _) = try await http.send(
                .POST, "/api/v3/worker-mgt/workers/\(id)/setstatus", json: ["status": "offline", "is_lazy": false])
            #expect(status == 204)
            #expect(await agent.running.value == 0)
            #expect(try await http.workers().first?["status"] as? String == "offline")
        }
    }
}
