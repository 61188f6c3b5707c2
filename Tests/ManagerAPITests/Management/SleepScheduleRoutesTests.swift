import Farm
import FarmModel
import Foundation
import HTTPTypes
import ManagerAPI
import Testing

/// Sleep schedules over HTTP and their periodic application with an injected clock (protocol.md §5.5, §10.3).
///
/// The farm's clock starts on Wednesday 2024-05-01 at 10:00 in the farm's time zone (UTC).
@Suite struct SleepScheduleRoutesTests {
    private func scheduleURI(_ worker: String) -> String { "\(API.workers)/\(worker)/sleep-schedule" }

    private func schedule(active: Bool = true, days: String = "", start: String, end: String) -> JSONValue {
        .object([
            "is_active": .bool(active), "days_of_week": .string(days), "start_time": .string(start),
            "end_time": .string(end),
        ])
    }

    private func applyAll(_ farm: TestFarm) async throws -> Int {
        try await SleepScheduleApplier.applyAll(context: farm.services.context)
    }

    private func statusChange(_ api: API, _ worker: WorkerCredentials) async throws -> JSONValue {
        try await api.managedWorker(worker.id)["status_change"]
    }

    private static let sleepNow = JSONValue.object(["status": .string("asleep"), "is_lazy": .bool(false)])
    private static let wakeNow = JSONValue.object(["status": .string("awake"), "is_lazy": .bool(false)])

    @Test func sleepScheduleAnswers204WithoutOneThenTheNormalisedScheduleAfterSaving() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register()
                expectEmpty(try await api.get(scheduleURI(worker.id)), .noContent)
                let saved = schedule(active: false, days: "tu mo", start: "17:00", end: "09:00")
                expectEmpty(try await api.post(scheduleURI(worker.id), saved), .noContent)
                let body = try expectJSON(try await api.get(scheduleURI(worker.id)), .ok)
                #expect(try schemaProblems(body, "WorkerSleepSchedule") == [])
                #expect(body == schedule(active: false, days: "mo tu", start: "09:00", end: "17:00"))
            }
        }
    }

    @Test func sleepScheduleAnswers404ForAnUnknownWorker() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let unknown = UUID().uuidString.lowercased()
                try expectError(try await api.get(scheduleURI(unknown)), .notFound)
                try expectError(
                    try await api.post(scheduleURI(unknown), schedule(start: "09:00", end: "10:00")), .notFound)
            }
        }
    }

    @Test(arguments: [
        ("", "25:00", "26:00"), ("", "9am", "10:00"), ("", "09:00", "10:60"), ("xx", "09:00", "10:00"),
        ("mo tue", "09:00", "10:00"),
    ])
    func savingAScheduleAnswers400ForABadTimeOrDay(_ days: String, _ start: String, _ end: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register()
                try expectError(
                    try await api.post(scheduleURI(worker.id), schedule(days: days, start: start, end: end)),
                    .badRequest)
                expectEmpty(try await api.get(scheduleURI(worker.id)), .noContent)
            }
        }
    }

    @Test func sleepScheduleAnswers400ForABadUUIDOrAnIncompleteBody() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register()
                try expectError(try await api.get(scheduleURI("nope")), .badRequest)
                try expectError(
                    try await api.post(scheduleURI("nope"), schedule(start: "09:00", end: "10:00")), .badRequest)
                try expectError(
                    try await api.post(scheduleURI(worker.id), .object(["is_active": .bool(true)])), .badRequest)
            }
        }
    }

    @Test func savingAScheduleThatCoversNowQueuesAnImmediateSleepRequest() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                expectEmpty(
                    try await api.post(scheduleURI(worker.id), schedule(start: "09:00", end: "11:00")), .noContent)
                #expect(try await statusChange(api, worker) == Self.sleepNow)
                #expect(
                    try expectJSON(try await api.requestTask(worker), HTTPResponse.Status(code: 423))
                        == .object([
                            "status_requested": .string("asleep")
                        ]))
            }
        }
    }

    @Test func workerSigningOnInsideItsWindowIsToldToSleep() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register()
                expectEmpty(
                    try await api.post(scheduleURI(worker.id), schedule(start: "09:00", end: "11:00")), .noContent)
                let answer = try expectJSON(try await api.signOn(worker), .ok)
                #expect(answer == .object(["status_requested": .string("asleep")]))
            }
        }
    }

    @Test func periodicCheckPutsTheWorkerToSleepInsideTheWindowAndWakesItAfter() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                expectEmpty(
                    try await api.post(scheduleURI(worker.id), schedule(days: "we", start: "11:00", end: "12:00")),
                    .noContent)
                #expect(try await statusChange(api, worker) == .null)
                #expect(try await applyAll(farm) == 0)

                farm.clock.advance(seconds: 3600)  // 11:00, inside the window (start inclusive)
                #expect(try await applyAll(farm) == 1)
                #expect(try await statusChange(api, worker) == Self.sleepNow)
                #expect(try await applyAll(farm) == 0)  // the same non-lazy request is already pending
                expectEmpty(try await api.stateChanged(worker, "asleep"), .noContent)
                #expect(try await applyAll(farm) == 0)
                #expect(try await statusChange(api, worker) == .null)

                farm.clock.advance(seconds: 3600)  // 12:00, outside (end exclusive)
                #expect(try await applyAll(farm) == 1)
                #expect(try await statusChange(api, worker) == Self.wakeNow)
            }
        }
    }

    @Test func scheduleOfAnotherDayKeepsTheWorkerAwake() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let awake = try await api.awakeWorker(name: "awake")
                let asleep = try await api.awakeWorker(name: "asleep")
                expectEmpty(try await api.stateChanged(asleep, "asleep"), .noContent)
                let thursday = schedule(days: "th", start: "09:00", end: "11:00")
                expectEmpty(try await api.post(scheduleURI(awake.id), thursday), .noContent)
                expectEmpty(try await api.post(scheduleURI(asleep.id), thursday), .noContent)
                #expect(try await statusChange(api, awake) == .null)
                #expect(try await statusChange(api, asleep) == Self.wakeNow)
            }
        }
    }

    @Test func periodicCheckOverridesAPendingLazyRequest() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                expectEmpty(try await api.post(scheduleURI(worker.id), schedule(start: "11:00", end: "")), .noContent)
                expectEmpty(try await api.requestStatus(worker.id, "offline", lazy: true), .noContent)
                farm.clock.advance(seconds: 3600)
                #expect(try await applyAll(farm) == 1)
                #expect(try await statusChange(api, worker) == Self.sleepNow)
            }
        }
    }

    @Test func periodicCheckSkipsWorkersInErrorInactiveSchedulesAndDeletedWorkers() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let broken = try await api.awakeWorker(name: "broken")
                try await farm.setState(of: broken, WorkerStatusState(status: .error, request: nil))
                let idle = try await api.awakeWorker(name: "idle")
                let deleted = try await api.awakeWorker(name: "deleted")
                let covering = schedule(start: "09:00", end: "12:00")
                expectEmpty(try await api.post(scheduleURI(broken.id), covering), .noContent)
                expectEmpty(
                    try await api.post(scheduleURI(idle.id), schedule(active: false, start: "09:00", end: "11:00")),
                    .noContent)
                expectEmpty(
                    try await api.post(scheduleURI(deleted.id), schedule(start: "11:00", end: "12:00")), .noContent)
                expectEmpty(try await api.send(.delete, "\(API.workers)/\(deleted.id)"), .noContent)
                farm.clock.advance(seconds: 3600)

                #expect(try await applyAll(farm) == 0)
                #expect(try await statusChange(api, broken) == .null)
                #expect(try await api.managedWorker(broken.id)["status"] == .string("error"))
                #expect(try await statusChange(api, idle) == .null)
            }
        }
    }
}
