import Foundation
import Testing
@testable import WorkerAgent

/// The stand-in Manager itself: scripted answers, resets, delays, recording, and refusing while stopped.
struct StandInManagerTests {
    @Test func answersAsScriptedAndRefusesWhileStopped() async throws {
        try await StandInManager.with { manager in
            let client = ManagerClient(baseURL: manager.baseURL)
            let credentials = WorkerCredentials(workerID: "w", secret: "s")
            manager.queue(.fetchTask, .error(503), .reset, .noContent.delayed(by: .milliseconds(300)))
            #expect(try await client.send(.post, "api/v3/worker/task", credentials: credentials).status == 503)
            await #expect(throws: (any Error).self) {
                _ = try await client.send(.post, "api/v3/worker/task", credentials: credentials)
            }
            let before = ContinuousClock.now
            #expect(try await client.send(.post, "api/v3/worker/task", credentials: credentials).status == 204)
            #expect(ContinuousClock.now.seconds(since: before) >= 0.29)
            let update = try await client.send(
                .post, "api/v3/worker/task/abc", credentials: credentials, json: TaskUpdate(log: "x"))
            #expect(update.status == 204)

            let recorded = manager.requests
            #expect(recorded.map(\.endpoint) == [.fetchTask, .fetchTask, .fetchTask, .taskUpdate])
            #expect(recorded.map(\.answered) == [503, nil, 204, 204])
            #expect(recorded[3].taskID == "abc" && recorded[3].json["log"] as? String == "x")
            #expect(recorded[0].headers["authorization"] == StandInRequest.basic("w", "s"))

            let port = manager.port
            await manager.stop()
            await #expect(throws: (any Error).self) {
                _ = try await client.send(.post, "api/v3/worker/sign-off", credentials: credentials)
            }
            try await manager.start()
            #expect(manager.port == port)
            #expect(try await client.send(.post, "api/v3/worker/sign-off", credentials: credentials).status == 204)
            #expect(manager.requests.count == 5)
        }
    }

    @Test func stopsPromptlyWhileAnswersAreStillDelayed() async throws {
        try await StandInManager.with { manager in
            manager.queue(.signOff, .noContent.delayed(by: .seconds(60)))
            let client = ManagerClient(baseURL: manager.baseURL)
            let call = Task {
                try await client.send(.post, "api/v3/worker/sign-off", credentials: nil, timeout: .seconds(30))
            }
            await manager.waitFor(.signOff)
            let before = ContinuousClock.now
            await manager.stop()
            #expect(ContinuousClock.now.seconds(since: before) < 5)
            await #expect(throws: (any Error).self) { _ = try await call.value }
        }
    }
}
