import Foundation
import NIOHTTP1
import Testing
import WorkerAgent

/// Requested worker states and re-registration (worker-agent.md §1.6–§1.8).
@Suite(.serialized) struct WorkerStateTests {
    private func request(_ http: ManagerHTTP, _ id: String, _ status: String) async throws {
        let (code, _) = try await http.send(
            .POST, "/api/v3/worker-mgt/workers/\(id)/setstatus", json: ["status": status, "is_lazy": false])
        #expect(code == 204)
    }

    private func status(_ http: ManagerHTTP) async throws -> String? {
        try await http.workers().first?["status"] as? String
    }

    @Test func followsAsleepAwakeAndRestartRequests() async throws {
        try await WorkerFarm.with { farm, baseURL in
            let http = ManagerHTTP(baseURL: baseURL)
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome(), restartExitCode: 47)
            #expect(try await eventually { try await status(http) == "awake" })
            let id = try #require(try await http.workers().first?["id"] as? String)
            try await request(http, id, "asleep")
            #expect(try await eventually { try await status(http) == "asleep" })
            try await request(http, id, "awake")
            #expect(try await eventually { try await status(http) == "awake" })
            try await request(http, id, "restart")
            #expect(await agent.running.value == 47)
            #expect(try await status(http) == "offline")
        }
    }

    @Test func reRegistersWhenTheManagerForgotTheWorker() async throws {
        try await WorkerFarm.with { farm, baseURL in
            let http = ManagerHTTP(baseURL: baseURL)
            let home = farm.workerHome()
            let first = AgentHarness.start(baseURL: baseURL, home: home)
            #expect(try await eventually { try await status(http) == "awake" })
            #expect(await first.stop() == 1)
            let file = CredentialsFile(path: first.configuration.credentialsPath)
            let old = try #require(file.read())
            let (deleted, _) = try await http.send(.DELETE, "/api/v3/worker-mgt/workers/\(old.workerID)")
            #expect(deleted == 204)

            let second = AgentHarness.start(baseURL: baseURL, home: home)
            #expect(try await eventually { try await status(http) == "awake" })
            let new = try #require(file.read())
            #expect(new.workerID != old.workerID)
            #expect(try await http.workers().first?["id"] as? String == new.workerID)
            #expect(await second.stop() == 1)
        }
    }
}
