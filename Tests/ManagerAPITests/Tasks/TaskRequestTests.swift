import Farm
import FarmModel
import Foundation
import HTTPTypes
import Storage
import Testing

/// `POST /api/v3/worker/task` (protocol.md §3.6, §7; checklist items 15–19, §13 row 31).
@Suite struct TaskRequestTests {
    // MARK: Admission

    @Test(arguments: [WorkerStatus.awake, .asleep, .starting], [false, true])
    func scheduleTaskAnswers423WhenAStatusChangeIsPending(_ status: WorkerStatus, lazy: Bool) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let worker = try await api.awakeWorker()
                try await farm.setState(of: worker, WorkerStatusState(status: status, request: .init(.offline, isLazy: lazy)))
                let reply = try await api.requestTask(worker)
                #expect(reply.status.code == 423)
                let body = try expectJSON(reply, reply.status)
                #expect(body == .object(["status_requested": .string("offline")]))
                #expect(try await farm.task(job.task(0).id).status == .queued)
                // Delivering the request did not clear it.
                #expect(try await farm.worker(worker).state.request == .init(.offline, isLazy: lazy))
            }
        }
    }

    @Test(arguments: [WorkerStatus.asleep, .starting, .offline, .error, .testing])
    func scheduleTaskAnswers409WithErrorBodyWhenNotAwake(_ status: WorkerStatus) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let worker = try await api.awakeWorker()
                try await farm.setState(of: worker, WorkerStatusState(status: status))
                farm.clock.advance(seconds: 4)
                let message = try expectError(try await api.requestTask(worker), .conflict)
                #expect(message.contains(status.rawValue))
                #expect(try await farm.task(job.task(0).id).status == .queued)
                #expect(try await farm.worker(worker).lastSeen == farm.clock.now)
            }
        }
    }

    @Test func freshlyRegisteredWorkerGets409() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                try await farm.seedJob(tasks: Seed.tasks(1))
                let worker = try await api.register()
                try expectError(try await api.requestTask(worker), .conflict)
            }
        }
    }

    @Test func scheduleTaskAnswers204WhenNothingIsRunnable() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                expectEmpty(try await api.requestTask(worker), .noContent)
            }
        }
    }

    // MARK: Assignment

    @Test func scheduleTaskAssignsAnActiveTaskAndActivatesTheJob() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(
                    name: "shot", type: "echo-sleep-test", priority: 70,
                    tasks: [Seed.task("first", priority: 40, steps: 3), Seed.task("second")])
                let worker = try await api.awakeWorker(name: "render-42")
                farm.clock.advance(seconds: 11)

                let body = try expectJSON(try await api.requestTask(worker), .ok)
                #expect(try schemaProblems(body, "AssignedTask") == [])
                let expected = job.task(1)  // task priority 50 beats 40
                #expect(body["uuid"] == .string(expected.id.rawValue))
                #expect(body["job"] == .string(job.id.rawValue))
                #expect(body["name"] == .string("second"))
                #expect(body["status"] == .string("active"))
                #expect(body["priority"] == .int(50))
                #expect(body["job_priority"] == .int(70))
                #expect(body["job_type"] == .string("echo-sleep-test"))
                #expect(body["task_type"] == .string("misc"))
                #expect(body["steps_completed"] == .int(0))
                #expect(body["steps_total"] == .int(1))
                #expect(
                    body["commands"]
                        == .array([
                            .object([
                                "name": .string("echo"), "parameters": .object(["message": .string("second")]),
                                "total_step_count": .int(0),
                            ])
                        ]))

                let stored = try await farm.task(expected.id)
                let storedWorker = try await farm.worker(worker)
                #expect(stored.status == .active)
                #expect(stored.workerRowID == storedWorker.rowID)
                #expect(stored.lastTouched == farm.clock.now)
                #expect(storedWorker.lastSeen == farm.clock.now)
                #expect(try await farm.job(job.id).status == .active)
                let log = farm.log(of: stored)
                #expect(log.contains("render-42"))
                #expect(log.contains(worker.id))
                #expect(log.contains("assigned"))
                #expect(try await farm.task(job.task(0).id).status == .queued)
            }
        }
    }

    @Test func workerHoldingAnActiveTaskGetsTheSameTaskAgain() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(3))
                let worker = try await api.awakeWorker()
                let first = try await api.takeTask(worker)["uuid"]
                farm.clock.advance(seconds: 60)
                let again = try await api.takeTask(worker)
                #expect(again["uuid"] == first)
                #expect(again["status"] == .string("active"))
                #expect(try await farm.task(job.task(0).id).lastTouched == farm.clock.now)
                #expect(try await farm.tasks(of: job.id).filter { $0.status == .active }.count == 1)
            }
        }
    }

    /// Completes each assigned task and returns the names in assignment order.
    private func drain(_ api: API, _ worker: WorkerCredentials) async throws -> [String] {
        var names: [String] = []
        while true {
            let reply = try await api.requestTask(worker)
            if reply.status == .noContent { return names }
            let body = try expectJSON(reply, .ok)
            names.append(try #require(body["name"].stringValue))
            try await api.report(worker, try #require(body["uuid"].stringValue), "completed")
            try #require(names.count < 100)
        }
    }

    @Test func schedulingOrdersByJobPriorityThenTaskPriorityThenInsertion() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                try await farm.seedJob(priority: 50, tasks: [Seed.task("a-low", priority: 10), Seed.task("a-high", priority: 60)])
                try await farm.seedJob(priority: 70, tasks: [Seed.task("b-1", priority: 10), Seed.task("b-2", priority: 10)])
                try await farm.seedJob(priority: 70, tasks: [Seed.task("c-1", priority: 90), Seed.task("c-2", priority: 10)])
                try await farm.seedJob(priority: 10, tasks: [Seed.task("d-1", priority: 100)])
                let worker = try await api.awakeWorker()
                #expect(try await drain(api, worker) == ["c-1", "b-1", "b-2", "c-2", "a-high", "a-low", "d-1"])
            }
        }
    }

    @Test func schedulingWaitsForDependencies() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: [
                    Seed.task("prepare", priority: 10), Seed.task("render", priority: 90, dependencies: [0]),
                    Seed.task("video", priority: 90, dependencies: [0, 1]),
                ])
                let one = try await api.awakeWorker(name: "one")
                let two = try await api.awakeWorker(name: "two")
                #expect(try await api.takeTask(one)["name"] == .string("prepare"))
                expectEmpty(try await api.requestTask(two), .noContent)
                try await api.report(one, job.task(0).id.rawValue, "completed")
                #expect(try await api.takeTask(two)["name"] == .string("render"))
                expectEmpty(try await api.requestTask(one), .noContent)
                try await api.report(two, job.task(1).id.rawValue, "completed")
                #expect(try await api.takeTask(one)["name"] == .string("video"))
            }
        }
    }

    @Test func schedulingMatchesTheWorkersNormalisedTaskTypes() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: [Seed.task("render", type: "blender")])
                let miscOnly = try await api.awakeWorker(name: "misc", taskTypes: ["misc", "ffmpeg"])
                expectEmpty(try await api.requestTask(miscOnly), .noContent)
                // Sign-on lower-cases and trims, so " BLENDER " matches the compiler's "blender".
                let blender = try await api.awakeWorker(name: "blender", taskTypes: [" BLENDER "])
                #expect(try await api.takeTask(blender)["uuid"] == .string(job.task(0).id.rawValue))
            }
        }
    }

    @Test func schedulingRespectsWorkerTags() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let tag = try await farm.database.write { tx in
                    try tx.tags.create(id: .random(), name: "gpu", description: "")
                }
                let tagged = try await farm.seedJob(name: "tagged", priority: 90, tagRowID: tag.rowID, tasks: [Seed.task("t")])
                let untagged = try await farm.seedJob(name: "untagged", priority: 10, tasks: [Seed.task("u")])
                let outsider = try await api.awakeWorker(name: "outsider")
                let member = try await api.awakeWorker(name: "member")
                let memberRow = try await farm.worker(member).rowID
                try await farm.database.write { tx in try tx.tags.setTags(ofWorker: memberRow, to: [tag.id]) }

                #expect(try await api.takeTask(outsider)["uuid"] == .string(untagged.task(0).id.rawValue))
                try await api.report(outsider, untagged.task(0).id.rawValue, "completed")
                expectEmpty(try await api.requestTask(outsider), .noContent)
                #expect(try await api.takeTask(member)["uuid"] == .string(tagged.task(0).id.rawValue))
            }
        }
    }

    @Test func taggedWorkersAlsoRunUntaggedJobs() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let tag = try await farm.database.write { tx in
                    try tx.tags.create(id: .random(), name: "gpu", description: "")
                }
                let untagged = try await farm.seedJob(tasks: [Seed.task("u")])
                let member = try await api.awakeWorker()
                let memberRow = try await farm.worker(member).rowID
                try await farm.database.write { tx in try tx.tags.setTags(ofWorker: memberRow, to: [tag.id]) }
                #expect(try await api.takeTask(member)["uuid"] == .string(untagged.task(0).id.rawValue))
            }
        }
    }

    @Test(arguments: [
        JobStatus.underConstruction, .pauseRequested, .paused, .cancelRequested, .canceled, .requeueing, .completed,
        .failed,
    ])
    func schedulingSkipsJobsThatAreNotQueuedOrActive(_ status: JobStatus) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                try await farm.seedJob(status: status, tasks: Seed.tasks(2))
                let worker = try await api.awakeWorker()
                expectEmpty(try await api.requestTask(worker), .noContent)
            }
        }
    }

    @Test func schedulingSkipsJobsWhoseDeletionWasRequested() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(2))
                let rowID = job.job.rowID
                try await farm.database.write { tx in try tx.jobs.requestDeletion(rowID: rowID) }
                let worker = try await api.awakeWorker()
                expectEmpty(try await api.requestTask(worker), .noContent)
            }
        }
    }

    @Test(arguments: [TaskStatus.active, .completed, .failed, .paused, .canceled])
    func schedulingSkipsTasksThatAreNotQueuedOrSoftFailed(_ status: TaskStatus) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let rowID = job.task(0).rowID
                try await farm.database.write { tx in try tx.tasks.setStatus(rowID: rowID, to: status) }
                let worker = try await api.awakeWorker()
                expectEmpty(try await api.requestTask(worker), .noContent)
            }
        }
    }

    // MARK: Variables

    @Test(arguments: [("linux", "blender"), ("darwin", "blender"), ("windows", "blender.exe")])
    func assignedCommandsExpandVariablesForTheWorkersPlatform(_ platform: String, _ blender: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let parameters: [String: JSONValue] = [
                    "exe": .string("{blender}"), "exeArgs": .string("{blenderArgs}"),
                    "argsBefore": .array([]),
                    "args": .array([.string("--exe={blender}"), .string("{unknown}"), .int(3), .array([.string("{blender}")])]),
                    "nested": .object(["exe": .string("{blender}")]),
                    "count": .int(2),
                ]
                let job = try await farm.seedJob(tasks: [
                    CompiledTask(
                        name: "render", taskType: "blender", priority: 50,
                        commands: [CompiledCommand(name: "blender-render", parameters: parameters, totalStepCount: 1)])
                ])
                let worker = try await api.awakeWorker(platform: platform)
                let body = try await api.takeTask(worker)
                let sent = body["commands"].arrayValue?.first?["parameters"] ?? .null
                #expect(sent["exe"] == .string(blender))
                #expect(sent["exeArgs"] == .string("-b -y"))
                #expect(sent["argsBefore"] == .array([]))
                #expect(
                    sent["args"]
                        == .array([.string("--exe=\(blender)"), .string("{unknown}"), .int(3), .array([.string("{blender}")])]))
                #expect(sent["nested"] == .object(["exe": .string("{blender}")]))
                #expect(sent["count"] == .int(2))
                // The stored task keeps the placeholders.
                #expect(try await farm.task(job.task(0).id).commands.first?.parameters == parameters)
            }
        }
    }

    @Test func compiledBlenderRenderTaskIsExpandedForAWindowsWorker() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let compiled = try JobTypeRegistry.builtIn.compile(
                    JobSubmission(
                        name: "Shot", type: "simple-blender-render",
                        settings: [
                            "frames": .string("1-10"), "chunk_size": .int(3), "render_output_root": .string("/render"),
                            "add_path_components": .int(0), "render_output_path": .string("/render/shot/######"),
                            "blendfile": .string("/projects/shot.blend"), "fps": .int(24), "format": .string("PNG"),
                            "image_file_extension": .string(".png"), "scene": .string("Scene"),
                        ]),
                    context: CompileContext(creationTime: farm.clock.now, timeZone: TimeZone(identifier: "UTC")!))
                let job = try await farm.seedJob(
                    type: "simple-blender-render", settings: compiled.settings, tasks: compiled.tasks)
                let worker = try await api.awakeWorker(platform: "windows", taskTypes: ["blender"])
                let body = try await api.takeTask(worker)
                #expect(body["name"] == .string("render-1-3"))
                #expect(body["job_type"] == .string("simple-blender-render"))
                let command = try #require(body["commands"].arrayValue?.first)
                #expect(command["name"] == .string("blender-render"))
                #expect(command["parameters"]["exe"] == .string("blender.exe"))
                #expect(command["parameters"]["exeArgs"] == .string("-b -y"))
                let stored = try await farm.task(job.task(0).id)
                #expect(stored.commands.first?.parameters["exe"] == .string("{blender}"))
                #expect(stored.commands.first?.parameters["exeArgs"] == .string("{blenderArgs}"))
            }
        }
    }

    // MARK: Active task of a stopped job (§13 row 31)

    @Test(arguments: [
        (JobStatus.pauseRequested, TaskStatus.paused, JobStatus.paused),
        (.canceled, .canceled, .canceled),
        (.failed, .canceled, .failed),
    ])
    func activeTaskOfAStoppedJobIsSettledBeforeANewTaskIsAssigned(
        _ jobStatus: JobStatus, _ settled: TaskStatus, _ finalJobStatus: JobStatus
    ) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let stopped = try await farm.seedJob(name: "stopped", priority: 90, tasks: Seed.tasks(3))
                let other = try await farm.seedJob(name: "other", priority: 10, tasks: Seed.tasks(1))
                let worker = try await api.awakeWorker()
                #expect(try await api.takeTask(worker)["uuid"] == .string(stopped.task(0).id.rawValue))
                try await farm.setJobStatus(stopped.id, jobStatus)

                #expect(try await api.takeTask(worker)["uuid"] == .string(other.task(0).id.rawValue))
                let old = try await farm.task(stopped.task(0).id)
                #expect(old.status == settled)
                #expect(try await farm.job(stopped.id).status == finalJobStatus)
                let workerRow = try await farm.worker(worker).rowID
                let active = try await farm.database.read { tx in try tx.tasks.activeTasks(ofWorker: workerRow) }
                #expect(active.map(\.id) == [other.task(0).id])
                let mayRun = try expectJSON(try await api.mayIRun(worker, stopped.task(0).id.rawValue), .ok)
                #expect(mayRun["mayKeepRunning"] == .bool(false))
            }
        }
    }
}
