import Farm
import FarmModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import Storage
import Synchronization
import Testing

/// Whole worker flows over real HTTP (STYLE.md §12; checklist items 15–23, 28, 30, and 20 under load).
@Suite struct LiveWorkerFlowTests {
    @Test func workerRunsAnEchoSleepJobFromRegistrationToSignOff() async throws {
        try await TestFarm.with { farm in
            let compiled = try JobTypeRegistry.builtIn.compile(
                JobSubmission(
                    name: "Echo", type: "echo-sleep-test",
                    settings: ["message": .string("hello farm"), "sleep_duration_seconds": .int(1), "sleep_repeats": .int(1)]),
                context: CompileContext(creationTime: farm.clock.now, timeZone: TimeZone(identifier: "UTC")!))
            let job = try await farm.seedJob(name: "Echo", type: "echo-sleep-test", settings: compiled.settings, tasks: compiled.tasks)
            #expect(job.tasks.map(\.name) == ["echo", "sleep"])

            try await farm.live { api, _ in
                let worker = try await api.register(name: "live-1", taskTypes: ["misc"])
                #expect(try await farm.worker(worker).address == "127.0.0.1")
                #expect(try expectJSON(try await api.signOn(worker, name: "live-1", taskTypes: ["misc"]), .ok)
                    == .object(["status_requested": .string("awake")]))
                expectEmpty(try await api.stateChanged(worker, "awake"), .noContent)

                // First task: echo.
                let echo = try expectJSON(try await api.requestTask(worker), .ok)
                #expect(echo["name"] == .string("echo"))
                #expect(echo["status"] == .string("active"))
                #expect(echo["commands"].arrayValue?.first?["parameters"]["message"] == .string("hello farm"))
                let echoID = try #require(echo["uuid"].stringValue)
                expectEmpty(try await api.update(worker, echoID, #"{"taskStatus": "active", "activity": "Started"}"#), .noContent)
                expectEmpty(try await api.update(worker, echoID, #"{"log": "echo: hello farm", "steps_completed": 1}"#), .noContent)
                let mayRun = try expectJSON(try await api.mayIRun(worker, echoID), .ok)
                #expect(mayRun["mayKeepRunning"] == .bool(true))
                expectEmpty(try await api.upload(worker, echoID, TestImages.png), .accepted)
                expectEmpty(try await api.update(worker, echoID, #"{"taskStatus": "completed", "activity": "Done"}"#), .noContent)

                // Second task: sleep, released by the completed echo.
                let sleep = try expectJSON(try await api.requestTask(worker), .ok)
                #expect(sleep["name"] == .string("sleep"))
                let sleepID = try #require(sleep["uuid"].stringValue)
                try await api.report(worker, sleepID, "completed", log: "slept 1s")
                expectEmpty(try await api.requestTask(worker), .noContent)

                expectEmpty(try await api.signOff(worker), .noContent)
                #expect(try await farm.worker(worker).state.status == .offline)
            }

            let stored = try await farm.job(job.id)
            #expect(stored.status == .completed)
            #expect(stored.stepsCompleted == stored.stepsTotal)
            let tasks = try await farm.tasks(of: job.id)
            #expect(tasks.map(\.status) == [.completed, .completed])
            #expect(tasks.map(\.activity) == ["Done", tasks[1].activity])
            #expect(farm.log(of: tasks[0]).contains("echo: hello farm\n"))
            #expect(farm.log(of: tasks[1]).contains("slept 1s\n"))
            await farm.pipeline.waitUntilIdle()
            #expect(try await farm.database.read { tx in try tx.lastRendered.latestJob() } == job.id)
            #expect(farm.pipeline.hasImages(job.id))
        }
    }

    private struct Assignment: Sendable, Hashable {
        let task: String
        let worker: String
    }

    @Test(.timeLimit(.minutes(3)))
    func thirtyTwoConcurrentWorkersDrainTwoThousandTasksWithoutDoubleAssignment() async throws {
        let jobCount = 20
        let tasksPerJob = 100
        let workerCount = 32
        try await TestFarm.with { farm in
            var jobs: [SeededJob] = []
            for index in 0..<jobCount {
                jobs.append(try await farm.seedJob(name: "job-\(index)", tasks: Seed.tasks(tasksPerJob, prefix: "j\(index)")))
            }
            let assignments = try await farm.live { _, port in
                try await withThrowingTaskGroup(of: [Assignment].self) { group in
                    for index in 0..<workerCount {
                        group.addTask {
                            try await TestClient.withClient(host: "127.0.0.1", port: port) { connection in
                                let api = API(connection: connection)
                                let worker = try await api.awakeWorker(name: "worker-\(index)", taskTypes: ["misc"])
                                var mine: [Assignment] = []
                                while true {
                                    let reply = try await api.requestTask(worker)
                                    if reply.status == .noContent { break }
                                    try #require(reply.status == .ok, "POST /worker/task answered \(reply.status)")
                                    let task = try #require(try reply.json()["uuid"].stringValue)
                                    mine.append(Assignment(task: task, worker: worker.id))
                                    try await api.report(worker, task, "completed")
                                    try #require(mine.count <= jobCount * tasksPerJob)
                                }
                                return mine
                            }
                        }
                    }
                    return try await group.reduce(into: [Assignment]()) { $0 += $1 }
                }
            }

            let total = jobCount * tasksPerJob
            #expect(assignments.count == total)
            let workersByTask = Dictionary(grouping: assignments, by: \.task)
            #expect(workersByTask.count == total)
            #expect(workersByTask.values.allSatisfy { $0.count == 1 }, "a task was handed out twice")
            #expect(Set(assignments.map(\.worker)).count > 1, "only one worker ever got work")

            let expectedIDs = Set(jobs.flatMap { $0.tasks.map(\.id.rawValue) })
            #expect(Set(workersByTask.keys) == expectedIDs)
            for job in jobs {
                let stored = try await farm.job(job.id)
                #expect(stored.status == .completed)
                #expect(stored.stepsCompleted == stored.stepsTotal)
                let tasks = try await farm.tasks(of: job.id)
                #expect(tasks.allSatisfy { $0.status == .completed && $0.workerRowID != nil })
                // Completed exactly once: one status-change line per task log.
                #expect(tasks.allSatisfy { farm.log(of: $0).components(separatedBy: "active -> completed").count == 2 })
            }
            try await farm.database.checkIntegrity(full: true)
        }
    }
}
