import FarmModel
import Foundation
import HTTPTypes
import Testing

/// Job and task status requests by users (protocol.md §6.5, §6.6; checklist items 31–34; §13 rows 10, 18, 19).
@Suite struct JobStatusRoutesTests {
    /// Tablao's decided table of allowed job status requests (§6.5), written out independently of the sources.
    static let allowedJobSources: [JobStatus: Set<JobStatus>] = [
        .cancelRequested: [.underConstruction, .queued, .active, .pauseRequested, .paused],
        .pauseRequested: [.queued, .active],
        .requeueing: [.active, .paused, .canceled, .failed, .completed],
        .queued: [.underConstruction],
    ]

    /// Tablao's decided table of allowed task status requests (§6.5).
    static let allowedTaskSources: [TaskStatus: Set<TaskStatus>] = [
        .queued: [.canceled, .failed, .softFailed, .completed, .paused],
        .canceled: [.queued, .active, .softFailed, .paused],
    ]

    // MARK: Job status: the 422 table

    @Test(arguments: JobStatus.allCases)
    func jobSetStatusAnswers422ForEveryForbiddenSourceAndChangesNothing(_ requested: JobStatus) async throws {
        let forbidden = JobStatus.allCases.filter {
            $0 != requested && !(Self.allowedJobSources[requested] ?? []).contains($0)
        }
        #expect(!forbidden.isEmpty)
        try await TestFarm.with { farm in
            try await farm.router { api in
                for current in forbidden {
                    let job = try await farm.seedJob(status: current, tasks: Seed.tasks(2))
                    let before = try await farm.job(job.id)
                    farm.clock.advance(seconds: 1)
                    let message = try expectError(
                        try await api.setJobStatus(job.id.rawValue, requested.rawValue), .unprocessableContent)
                    #expect(message.contains(current.rawValue), "\(current) → \(requested): \(message)")
                    #expect(message.contains(requested.rawValue), "\(current) → \(requested): \(message)")
                    #expect(try await farm.job(job.id) == before, "\(current) → \(requested)")
                    #expect(try await farm.tasks(of: job.id) == job.tasks, "\(current) → \(requested)")
                }
            }
        }
    }

    @Test(arguments: [
        (JobStatus.underConstruction, JobStatus.cancelRequested, JobStatus.canceled, TaskStatus.canceled),
        (.queued, .cancelRequested, .canceled, .canceled),
        (.active, .cancelRequested, .canceled, .canceled),
        (.pauseRequested, .cancelRequested, .canceled, .canceled),
        (.paused, .cancelRequested, .canceled, .canceled),
        (.queued, .pauseRequested, .paused, .paused),
        (.active, .pauseRequested, .paused, .paused),
        (.active, .requeueing, .queued, .queued),
        (.paused, .requeueing, .queued, .queued),
        (.canceled, .requeueing, .queued, .queued),
        (.failed, .requeueing, .queued, .queued),
        (.completed, .requeueing, .queued, .queued),
        (.underConstruction, .queued, .queued, .queued),
    ])
    func jobSetStatusCarriesOutEveryAllowedRequest(
        _ current: JobStatus, _ requested: JobStatus, _ final: JobStatus, _ taskStatus: TaskStatus
    ) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(status: current, tasks: Seed.tasks(2))
                if [.canceled, .failed, .paused].contains(current) {
                    let held: TaskStatus = current == .paused ? .paused : .canceled
                    try await farm.setTaskStatuses(job.tasks.map { ($0, held) })
                }
                expectEmpty(
                    try await api.setJobStatus(job.id.rawValue, requested.rawValue, reason: "said so"), .noContent)
                let stored = try await farm.job(job.id)
                #expect(stored.status == final)
                #expect(stored.activity.contains("said so"))
                #expect(try await farm.tasks(of: job.id).map(\.status) == [taskStatus, taskStatus])
            }
        }
    }

    @Test(arguments: JobStatus.allCases)
    func requestingTheCurrentJobStatusIsANoOpAnswered204(_ status: JobStatus) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(status: status, tasks: Seed.tasks(2))
                let before = try await farm.job(job.id)
                farm.clock.advance(seconds: 1)
                expectEmpty(try await api.setJobStatus(job.id.rawValue, status.rawValue), .noContent)
                #expect(try await farm.job(job.id) == before)
            }
        }
    }

    @Test func jobSetStatusAnswers404And400() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                try expectError(
                    try await api.setJobStatus(UUID().uuidString.lowercased(), "cancel-requested"), .notFound)
                try expectError(try await api.setJobStatus("not-a-uuid", "cancel-requested"), .badRequest)
                try expectError(try await api.setJobStatus(job.id.rawValue, "exploded"), .badRequest)
                try expectError(
                    try await api.post(
                        "\(API.jobs)/\(job.id.rawValue)/setstatus", .object(["status": .string("paused")])),
                    .badRequest)
                #expect(try await farm.job(job.id).status == .queued)
            }
        }
    }

    // MARK: Job status flows

    @Test func cancelingAJobCancelsItsActiveAndQueuedTasksAndStopsTheWorker() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(3))
                let worker = try await api.awakeWorker()
                let running = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                #expect(try await api.mayRun(worker, running).0 == true)

                expectEmpty(try await api.setJobStatus(job.id.rawValue, "cancel-requested"), .noContent)
                #expect(try await api.jobStatus(job.id.rawValue) == "canceled")
                #expect(try await farm.tasks(of: job.id).map(\.status) == [.canceled, .canceled, .canceled])
                let (may, reason, requested) = try await api.mayRun(worker, running)
                #expect(may == false)
                #expect(reason?.contains("canceled") == true)
                #expect(requested == false)
                // The worker reference survives the cancel (§6.1).
                #expect(try await api.task(running)["worker"]["id"] == .string(worker.id))
            }
        }
    }

    @Test func cancelingAPausingJobAlsoCancelsItsPausedTasks() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(3))
                let worker = try await api.awakeWorker()
                let running = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                expectEmpty(try await api.setJobStatus(job.id.rawValue, "pause-requested"), .noContent)
                #expect(try await farm.tasks(of: job.id).map(\.status) == [.active, .paused, .paused])

                expectEmpty(try await api.setJobStatus(job.id.rawValue, "cancel-requested"), .noContent)
                #expect(try await api.jobStatus(job.id.rawValue) == "canceled")
                #expect(try await farm.tasks(of: job.id).map(\.status) == [.canceled, .canceled, .canceled])
                #expect(try await api.mayRun(worker, running).0 == false)
            }
        }
    }

    @Test func cancelingAPausedJobCancelsItsPausedTasks() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(2))
                expectEmpty(try await api.setJobStatus(job.id.rawValue, "pause-requested"), .noContent)
                #expect(try await api.jobStatus(job.id.rawValue) == "paused")
                #expect(try await farm.tasks(of: job.id).map(\.status) == [.paused, .paused])
                expectEmpty(try await api.setJobStatus(job.id.rawValue, "cancel-requested"), .noContent)
                #expect(try await api.jobStatus(job.id.rawValue) == "canceled")
                #expect(try await farm.tasks(of: job.id).map(\.status) == [.canceled, .canceled])
            }
        }
    }

    @Test func pauseRequestWaitsForTheActiveTaskThenPausesTheJob() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(3))
                let worker = try await api.awakeWorker()
                let running = try #require(try await api.takeTask(worker)["uuid"].stringValue)

                expectEmpty(try await api.setJobStatus(job.id.rawValue, "pause-requested"), .noContent)
                #expect(try await api.jobStatus(job.id.rawValue) == "pause-requested")
                #expect(try await farm.tasks(of: job.id).map(\.status) == [.active, .paused, .paused])
                // Pausing does not stop the running task (§6.7).
                #expect(try await api.mayRun(worker, running).0 == true)

                try await api.report(worker, running, "completed")
                #expect(try await api.jobStatus(job.id.rawValue) == "paused")
                #expect(try await farm.tasks(of: job.id).map(\.status) == [.completed, .paused, .paused])
                expectEmpty(try await api.requestTask(worker), .noContent)
            }
        }
    }

    @Test func softFailureInAPausingJobKeepsThePauseRequest() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(3))
                let first = try await api.awakeWorker(name: "first")
                let second = try await api.awakeWorker(name: "second")
                let failing = try #require(try await api.takeTask(first)["uuid"].stringValue)
                let finishing = try #require(try await api.takeTask(second)["uuid"].stringValue)
                expectEmpty(try await api.setJobStatus(job.id.rawValue, "pause-requested"), .noContent)

                try await api.report(first, failing, "failed")
                #expect(try await api.taskStatus(failing) == "soft-failed")
                #expect(try await api.jobStatus(job.id.rawValue) == "pause-requested")

                try await api.report(second, finishing, "completed")
                #expect(try await api.jobStatus(job.id.rawValue) == "paused")
            }
        }
    }

    @Test(arguments: [JobStatus.failed, .canceled])
    func requeueingAFailedOrCanceledJobQueuesItsTasksAndClearsFailureState(_ status: JobStatus) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(status: status, tasks: Seed.tasks(4))
                let worker = try await api.register(name: "culprit")
                try await farm.setTaskStatuses([
                    (job.task(0), .failed), (job.task(1), .canceled), (job.task(2), .completed),
                    (job.task(3), .softFailed),
                ])
                try await farm.recordFailure(of: job.task(0), by: worker)
                try await farm.recordFailure(of: job.task(3), by: worker)
                try await farm.block(worker, on: job.id, taskType: "misc")
                #expect(
                    try expectJSON(try await api.get("\(API.jobs)/\(job.id.rawValue)/blocklist"), .ok).arrayValue?.count
                        == 1)

                expectEmpty(try await api.setJobStatus(job.id.rawValue, "requeueing"), .noContent)
                #expect(try await api.jobStatus(job.id.rawValue) == "queued")
                #expect(try await farm.tasks(of: job.id).map(\.status) == [.queued, .queued, .completed, .queued])
                #expect(try await api.task(job.task(0).id.rawValue)["failed_by_workers"] == .array([]))
                #expect(try await api.task(job.task(3).id.rawValue)["failed_by_workers"] == .array([]))
                #expect(
                    try expectJSON(try await api.get("\(API.jobs)/\(job.id.rawValue)/blocklist"), .ok) == .array([]))
                #expect(try farm.rowCount("task_failures") == 0)
            }
        }
    }

    @Test func requeueingACompletedJobRequeuesEveryTask() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(status: .completed, tasks: Seed.tasks(3))
                try await farm.setTaskStatuses(job.tasks.map { ($0, .completed) })
                #expect(try await api.job(job.id.rawValue)["steps_completed"] == .int(3))

                expectEmpty(try await api.setJobStatus(job.id.rawValue, "requeueing"), .noContent)
                let fetched = try await api.job(job.id.rawValue)
                #expect(fetched["status"] == .string("queued"))
                #expect(fetched["steps_completed"] == .int(0))
                #expect(try await farm.tasks(of: job.id).map(\.status) == [.queued, .queued, .queued])
            }
        }
    }

    @Test func requeueingAnActiveJobLeavesActiveAndCompletedTasksAlone() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(4))
                let worker = try await api.awakeWorker()
                let done = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                try await api.report(worker, done, "completed")
                let running = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                try await farm.setTaskStatuses([(job.task(2), .canceled)])
                #expect(try await api.jobStatus(job.id.rawValue) == "active")

                expectEmpty(try await api.setJobStatus(job.id.rawValue, "requeueing"), .noContent)
                #expect(try await api.jobStatus(job.id.rawValue) == "queued")
                #expect(try await farm.tasks(of: job.id).map(\.status) == [.completed, .active, .queued, .queued])
                #expect(try await api.mayRun(worker, running).0 == true)
            }
        }
    }

    // MARK: Task status

    @Test(arguments: TaskStatus.allCases)
    func taskSetStatusAnswers422ForEveryForbiddenSourceAndChangesNothing(_ requested: TaskStatus) async throws {
        let forbidden = TaskStatus.allCases.filter { !(Self.allowedTaskSources[requested] ?? []).contains($0) }
        try await TestFarm.with { farm in
            try await farm.router { api in
                for current in forbidden {
                    let job = try await farm.seedJob(tasks: Seed.tasks(2))
                    try await farm.setTaskStatuses([(job.task(0), current)])
                    let before = try await farm.tasks(of: job.id)
                    let jobBefore = try await farm.job(job.id)
                    farm.clock.advance(seconds: 1)
                    let message = try expectError(
                        try await api.setTaskStatus(job.task(0).id.rawValue, requested.rawValue), .unprocessableContent)
                    #expect(message.contains(current.rawValue), "\(current) → \(requested): \(message)")
                    #expect(message.contains(requested.rawValue), "\(current) → \(requested): \(message)")
                    #expect(try await farm.tasks(of: job.id) == before, "\(current) → \(requested)")
                    #expect(try await farm.job(job.id) == jobBefore, "\(current) → \(requested)")
                }
            }
        }
    }

    @Test func taskSetStatusAnswers404ForAnUnknownOrMalformedTaskAnd400ForABadBody() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                try expectError(try await api.setTaskStatus(UUID().uuidString.lowercased(), "queued"), .notFound)
                try expectError(try await api.setTaskStatus("not-a-uuid", "queued"), .notFound)
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                try expectError(try await api.setTaskStatus(job.task(0).id.rawValue, "bogus"), .badRequest)
            }
        }
    }

    @Test func cancelingAnActiveTaskStoresTheReasonAndStopsItsWorker() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(2))
                let worker = try await api.awakeWorker()
                let running = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                expectEmpty(try await api.setTaskStatus(running, "canceled", reason: "wrong camera"), .noContent)
                let task = try await api.task(running)
                #expect(task["status"] == .string("canceled"))
                #expect(task["activity"] == .string("wrong camera"))
                #expect(try await api.mayRun(worker, running).0 == false)
                // The other task is still queued, so the job is not canceled.
                #expect(try await api.jobStatus(job.id.rawValue) == "active")
                #expect(farm.log(of: try await farm.task(running)).contains("active -> canceled"))
            }
        }
    }

    @Test func requeueingATaskClearsItsFailureList() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(2))
                let worker = try await api.register(name: "culprit")
                try await farm.setTaskStatuses([(job.task(0), .softFailed)])
                try await farm.recordFailure(of: job.task(0), by: worker)
                #expect(try await api.task(job.task(0).id.rawValue)["failed_by_workers"].arrayValue?.count == 1)

                expectEmpty(try await api.setTaskStatus(job.task(0).id.rawValue, "queued"), .noContent)
                let task = try await api.task(job.task(0).id.rawValue)
                #expect(task["status"] == .string("queued"))
                #expect(task["failed_by_workers"] == .array([]))
            }
        }
    }

    @Test func requeueingOneTaskOfACompletedJobRequeuesEveryTask() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(3))
                let worker = try await api.awakeWorker()
                for _ in 0..<3 {
                    let task = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                    try await api.report(worker, task, "completed")
                }
                #expect(try await api.jobStatus(job.id.rawValue) == "completed")

                expectEmpty(try await api.setTaskStatus(job.task(1).id.rawValue, "queued"), .noContent)
                #expect(try await api.jobStatus(job.id.rawValue) == "queued")
                #expect(try await farm.tasks(of: job.id).map(\.status) == [.queued, .queued, .queued])
                #expect(try await api.job(job.id.rawValue)["steps_completed"] == .int(0))
                #expect(try await api.takeTask(worker)["uuid"] == .string(job.task(0).id.rawValue))
            }
        }
    }
}
