import Farm
import FarmModel
import Foundation
import HTTPTypes
import Storage
import Testing

/// sign-on, sign-off, state and state-changed (protocol.md §3.2–§3.5, §5; checklist items 10–14).
@Suite struct WorkerStatusTests {
    // MARK: sign-on

    @Test func signOnStoresStartingAndNormalisesTaskTypes() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register(name: "old-name", taskTypes: ["misc"])
                farm.clock.advance(seconds: 5)
                let reply = try await api.signOn(
                    worker, name: "new-name", taskTypes: [" Blender ", "FFMPEG", "\tmisc\n"], software: "3.9-beta1 (x)",
                    canRestart: true)
                let body = try expectJSON(reply, .ok)
                #expect(body == .object(["status_requested": .string("awake")]))
                #expect(try schemaProblems(body, "WorkerStateChange") == [])

                let stored = try await farm.worker(worker)
                #expect(stored.state == WorkerStatusState(status: .starting))
                #expect(stored.supportedTaskTypes == ["blender", "ffmpeg", "misc"])
                #expect(stored.name == "new-name")
                #expect(stored.software == "3.9-beta1 (x)")
                #expect(stored.canRestart)
                #expect(stored.lastSeen == farm.clock.now)
            }
        }
    }

    @Test(arguments: [false, true])
    func signOnAnswersThePendingRequestWithoutClearingIt(lazy: Bool) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register()
                let pending = WorkerStatusRequest(.asleep, isLazy: lazy)
                try await farm.setState(of: worker, WorkerStatusState(status: .offline, request: pending))
                let body = try expectJSON(try await api.signOn(worker), .ok)
                #expect(body == .object(["status_requested": .string("asleep")]))
                #expect(try await farm.worker(worker).state == WorkerStatusState(status: .starting, request: pending))
                // Answered again on the next sign-on: delivering never clears.
                #expect(try expectJSON(try await api.signOn(worker), .ok)["status_requested"] == .string("asleep"))
            }
        }
    }

    /// The manual clock reads 10:00 UTC on a Wednesday; the farm's time zone is UTC.
    @Test(arguments: [
        (SleepSchedule(isActive: true, daysOfWeek: "", startTime: "09:00", endTime: "17:00"), "asleep"),
        (SleepSchedule(isActive: true, daysOfWeek: "we", startTime: nil, endTime: nil), "asleep"),
        (SleepSchedule(isActive: false, daysOfWeek: "", startTime: "09:00", endTime: "17:00"), "awake"),
        (SleepSchedule(isActive: true, daysOfWeek: "mo tu", startTime: "09:00", endTime: "17:00"), "awake"),
        (SleepSchedule(isActive: true, daysOfWeek: "", startTime: "10:01", endTime: "17:00"), "awake"),
    ])
    func signOnFollowsTheSleepSchedule(_ schedule: SleepSchedule, _ expected: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register()
                let rowID = try await farm.worker(worker).rowID
                try await farm.database.write { tx in try tx.sleepSchedules.save(workerRowID: rowID, schedule) }
                let body = try expectJSON(try await api.signOn(worker), .ok)
                #expect(body["status_requested"] == .string(expected))
                #expect(try await farm.worker(worker).state.request == nil)
            }
        }
    }

    @Test(arguments: [
        #"{"supported_task_types": ["misc"], "software_version": "3.9"}"#,
        #"{"name": "w", "software_version": "3.9"}"#,
        #"{"name": "w", "supported_task_types": ["misc"]}"#,
        #"{"name": "w", "supported_task_types": "misc", "software_version": "3.9"}"#,
        #"{"name": "w", "supported_task_types": ["misc"], "software_version": "3.9", "can_restart": "yes"}"#,
        "{", "",
    ])
    func signOnRejectsInvalidBodiesWith400AndChangesNothing(_ body: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register(name: "before")
                let reply = try await api.send(.post, "/api/v3/worker/sign-on", as: worker, json: body)
                try expectError(reply, .badRequest)
                let stored = try await farm.worker(worker)
                #expect(stored.state == WorkerStatusState(status: .offline))
                #expect(stored.name == "before")
            }
        }
    }

    @Test func signOnKeepsTheActiveTaskSoARestartedWorkerGetsItBack() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(2))
                let worker = try await api.awakeWorker()
                let first = try await api.takeTask(worker)["uuid"]
                try expectJSON(try await api.signOn(worker), .ok)
                #expect(try await farm.task(job.task(0).id).status == .active)
                expectEmpty(try await api.stateChanged(worker, "awake"), .noContent)
                #expect(try await api.takeTask(worker)["uuid"] == first)
            }
        }
    }

    // MARK: sign-off

    @Test func signOffFromAwakeGoesOfflineRequeuesTheTaskAndRemembersAwake() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: [Seed.task("a", steps: 4)])
                let worker = try await api.awakeWorker()
                let task = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                expectEmpty(try await api.update(worker, task, #"{"steps_completed": 2}"#), .noContent)
                farm.clock.advance(seconds: 3)

                expectEmpty(try await api.signOff(worker), .noContent)
                let stored = try await farm.worker(worker)
                #expect(stored.state == WorkerStatusState(status: .offline, request: .init(.awake, isLazy: false)))
                #expect(stored.lastSeen == farm.clock.now)
                let requeued = try await farm.task(job.task(0).id)
                #expect(requeued.status == .queued)
                #expect(requeued.stepsCompleted == 0)
                #expect(requeued.workerRowID == stored.rowID)
                #expect(requeued.activity.contains("queued"))
                #expect(farm.log(of: requeued).contains("active -> queued"))

                let body = try expectJSON(try await api.signOn(worker), .ok)
                #expect(body["status_requested"] == .string("awake"))
            }
        }
    }

    @Test(arguments: [JobStatus.pauseRequested, .paused])
    func signOffPausesTheActiveTaskOfAPausingJob(_ jobStatus: JobStatus) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(2))
                let worker = try await api.awakeWorker()
                _ = try await api.takeTask(worker)
                try await farm.setJobStatus(job.id, jobStatus)
                expectEmpty(try await api.signOff(worker), .noContent)
                #expect(try await farm.task(job.task(0).id).status == .paused)
                #expect(try await farm.job(job.id).status == .paused)
            }
        }
    }

    @Test(arguments: [WorkerStatus.offline, .restart], [false, true])
    func signOffClearsAPendingOfflineOrRestartRequest(_ requested: WorkerStatus, lazy: Bool) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                try await farm.setState(
                    of: worker, WorkerStatusState(status: .awake, request: .init(requested, isLazy: lazy)))
                expectEmpty(try await api.signOff(worker), .noContent)
                // The request is fulfilled; the previous status `awake` is remembered instead.
                #expect(
                    try await farm.worker(worker).state
                        == WorkerStatusState(status: .offline, request: .init(.awake, isLazy: false)))
                #expect(try expectJSON(try await api.signOn(worker), .ok)["status_requested"] == .string("awake"))
            }
        }
    }

    @Test func signOffKeepsAnotherPendingRequest() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                let pending = WorkerStatusRequest(.asleep, isLazy: true)
                try await farm.setState(of: worker, WorkerStatusState(status: .awake, request: pending))
                expectEmpty(try await api.signOff(worker), .noContent)
                #expect(try await farm.worker(worker).state == WorkerStatusState(status: .offline, request: pending))
            }
        }
    }

    @Test func signOffOfANeverAwakeWorkerRemembersNothing() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register()
                try expectJSON(try await api.signOn(worker), .ok)
                expectEmpty(try await api.signOff(worker), .noContent)
                #expect(try await farm.worker(worker).state == WorkerStatusState(status: .offline))
            }
        }
    }

    // MARK: state

    @Test func stateAnswers204WhenNothingIsPendingAndTouchesLastSeen() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                farm.clock.advance(seconds: 30)
                expectEmpty(try await api.state(worker), .noContent)
                let stored = try await farm.worker(worker)
                #expect(stored.lastSeen == farm.clock.now)
                #expect(stored.state == WorkerStatusState(status: .awake))
            }
        }
    }

    @Test(arguments: [false, true])
    func stateAnswersThePendingRequestLazyOrNotAndClearsNothing(lazy: Bool) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                let pending = WorkerStatusState(status: .awake, request: .init(.offline, isLazy: lazy))
                try await farm.setState(of: worker, pending)
                for _ in 0..<2 {
                    let body = try expectJSON(try await api.state(worker), .ok)
                    #expect(body == .object(["status_requested": .string("offline")]))
                }
                #expect(try await farm.worker(worker).state == pending)
            }
        }
    }

    // MARK: state-changed

    @Test func stateChangedClearsAMatchingRequest() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                try await farm.setState(of: worker, WorkerStatusState(status: .awake, request: .init(.asleep, isLazy: true)))
                farm.clock.advance(seconds: 7)
                expectEmpty(try await api.stateChanged(worker, "asleep"), .noContent)
                let stored = try await farm.worker(worker)
                #expect(stored.state == WorkerStatusState(status: .asleep))
                #expect(stored.lastSeen == farm.clock.now)
                expectEmpty(try await api.state(worker), .noContent)
            }
        }
    }

    @Test func stateChangedKeepsANonMatchingRequest() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                let pending = WorkerStatusRequest(.offline, isLazy: false)
                try await farm.setState(of: worker, WorkerStatusState(status: .awake, request: pending))
                expectEmpty(try await api.stateChanged(worker, "asleep"), .noContent)
                #expect(try await farm.worker(worker).state == WorkerStatusState(status: .asleep, request: pending))
            }
        }
    }

    @Test(arguments: ["asleep", "offline", "error"])
    func stateChangedLeavingAwakeRequeuesTheActiveTask(_ newStatus: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let worker = try await api.awakeWorker()
                _ = try await api.takeTask(worker)
                expectEmpty(try await api.stateChanged(worker, newStatus), .noContent)
                let task = try await farm.task(job.task(0).id)
                #expect(task.status == .queued)
                #expect(task.activity.contains(newStatus))
                #expect(try await farm.worker(worker).state.status.rawValue == newStatus)
            }
        }
    }

    @Test func stateChangedToAwakeWhileAwakeKeepsTheActiveTask() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let worker = try await api.awakeWorker()
                _ = try await api.takeTask(worker)
                expectEmpty(try await api.stateChanged(worker, "awake"), .noContent)
                #expect(try await farm.task(job.task(0).id).status == .active)
            }
        }
    }

    @Test(arguments: [
        #"{"status": "sleepy"}"#, #"{"status": ""}"#, #"{"status": null}"#, #"{"status": 3}"#, "{}",
        #"{"state": "awake"}"#, "", "[\"awake\"]",
    ])
    func stateChangedRejectsInvalidStatusWith400(_ body: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                let reply = try await api.send(.post, "/api/v3/worker/state-changed", as: worker, json: body)
                try expectError(reply, .badRequest)
                #expect(try await farm.worker(worker).state == WorkerStatusState(status: .awake))
            }
        }
    }
}
