import FarmModel
import Foundation
import Logging
import Testing
@testable import WorkerAgent

/// Undeliverable task updates are queued in SQLite and flushed oldest first (worker-agent.md §6).
@Suite(.serialized) struct UpstreamBufferTests {
    private static let logger: Logger = {
        var logger = Logger(label: "tablao.worker-tests.buffer")
        logger.logLevel = .critical
        return logger
    }()

    @Test func queuesWhileUnreachableAndFlushesInOrder() async throws {
        try await WorkerFarm.with { farm, baseURL in
            let job = try await farm.seedJob(tasks: [
                CompiledTask(
                    name: "one", taskType: "misc", priority: 50,
                    commands: [CompiledCommand(name: "echo", parameters: ["message": .string("m")], totalStepCount: 0)])
            ])
            let live = ManagerClient(baseURL: baseURL)
            let (credentials, assigned) = try await Self.awakeWorkerWithTask(live)
            let buffer = try UpstreamBuffer.open(path: farm.folder.appending(path: "buffer/worker.sqlite").path)
            let task = TaskContext(taskID: assigned.uuid)
            let down = TaskUpdateSender(
                client: ManagerClient(baseURL: "http://127.0.0.1:1"), credentials: credentials, logger: Self.logger,
                buffer: buffer)
            let up = TaskUpdateSender(client: live, credentials: credentials, logger: Self.logger, buffer: buffer)

            #expect(await down.send(.logText("first"), for: task) == .unreachable)
            #expect(await up.send(.logText("second"), for: task) == .unreachable)  // queued behind "first"
            try await buffer.append(taskID: "00000000-0000-4000-8000-000000000000", payload: Array(#"{"log":"x"}"#.utf8))
            #expect(await up.send(.completed, for: task) == .unreachable)
            #expect(try await buffer.count() == 4)
            let stored = try #require(try await farm.tasks(of: job).first)
            #expect(!farm.log(of: stored).contains("first"))

            await UpstreamFlusher(buffer: buffer, client: ManagerClient(baseURL: "http://127.0.0.1:1"),
                credentials: credentials, logger: Self.logger).flush()
            #expect(try await buffer.count() == 4)

            await UpstreamFlusher(buffer: buffer, client: live, credentials: credentials, logger: Self.logger).flush()
            #expect(try await buffer.count() == 0)
            let flushed = try #require(try await farm.tasks(of: job).first)
            let log = farm.log(of: flushed)
            let first = try #require(log.range(of: "first"))
            let second = try #require(log.range(of: "second"))
            #expect(first.lowerBound < second.lowerBound)
            #expect(flushed.status == .completed)
            #expect(await up.send(.logText("direct"), for: task) == .sent)
            await buffer.close()
        }
    }

    @Test func agentFlushesLeftoversAtStart() async throws {
        try await WorkerFarm.with { farm, baseURL in
            var configuration = WorkerConfiguration()
            configuration.home = farm.workerHome()
            let leftover = try UpstreamBuffer.open(path: configuration.bufferPath)
            try await leftover.append(taskID: "00000000-0000-4000-8000-000000000000", payload: Array(#"{"log":"x"}"#.utf8))
            await leftover.close()

            let agent = AgentHarness.start(baseURL: baseURL, home: configuration.home)
            let http = ManagerHTTP(baseURL: baseURL)
            #expect(try await eventually { try await http.workers().first?["status"] as? String == "awake" })
            let reopened = try UpstreamBuffer.open(path: configuration.bufferPath)
            #expect(try await reopened.count() == 0)
            await reopened.close()
            #expect(await agent.stop() == 1)
        }
    }

    /// Registers, signs on, reports `awake` and takes one task through the raw protocol.
    private static func awakeWorkerWithTask(_ client: ManagerClient) async throws -> (WorkerCredentials, AssignedTask) {
        let secret = WorkerCredentials.randomSecret()
        let registered = try await client.send(
            .post, "api/v3/worker/register-worker", credentials: nil,
            json: WorkerRegistration(secret: secret, platform: "linux", supportedTaskTypes: ["misc"], name: "raw"))
        let id = try #require(registered.decode(RegisteredWorker.self)).uuid
        let credentials = WorkerCredentials(workerID: id, secret: secret)
        let signOn = WorkerSignOn(name: "raw", supportedTaskTypes: ["misc"], softwareVersion: "t", canRestart: false)
        #expect(try await client.send(.post, "api/v3/worker/sign-on", credentials: credentials, json: signOn).status == 200)
        let awake = WorkerStateChanged(status: "awake")
        _ = try await client.send(.post, "api/v3/worker/state-changed", credentials: credentials, json: awake)
        let taken = try await client.send(.post, "api/v3/worker/task", credentials: credentials)
        return (credentials, try #require(taken.decode(AssignedTask.self)))
    }
}
