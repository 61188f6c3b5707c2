import FarmClient
import FarmModel
import Foundation
import Testing

/// Jobs submitted through the client against a live Manager: what is stored, and what is refused.
@Suite struct SubmissionTests {
    @Test func echoSleepJobIsStoredWithTypedSettings() async throws {
        try await ClientFarm.with { farm in
            let order = JobOrder(
                type: "echo-sleep-test", name: "say hello", priority: 65,
                settingArguments: ["message=hello farm", "sleep_duration_seconds=2", "sleep_repeats=3"],
                metadata: ["user.name": "ana"])
            let answer = try await JobSubmitter(client: farm.client).submit(order)
            let stored = try await farm.storedJob(answer.id)
            #expect(stored.name == "say hello" && stored.type == "echo-sleep-test" && stored.priority == 65)
            #expect(stored.status == .queued && stored.submitterPlatform == "linux")
            #expect(stored.metadata == ["user.name": "ana"])
            #expect(
                stored.settings == [
                    "message": .string("hello farm"), "sleep_duration_seconds": .int(2), "sleep_repeats": .int(3),
                ])
            #expect(try await farm.storedTasks(of: answer.id).map(\.name) == ["echo", "sleep", "sleep", "sleep"])
            #expect(try await farm.client.job(answer.id).settings?["sleep_repeats"] == .int(3))
        }
    }

    @Test func blenderRenderJobIsStoredWithTypedSettings() async throws {
        try await ClientFarm.with { farm in
            let order = JobOrder(
                type: "simple-blender-render", name: "shot 1", settingArguments: SettingsValidationTests.renderArguments)
            let answer = try await JobSubmitter(client: farm.client).submit(order)
            let stored = try await farm.storedJob(answer.id)
            #expect(stored.type == "simple-blender-render" && stored.priority == 50)
            #expect(stored.settings["frames"] == .string("1-10"))
            #expect(stored.settings["chunk_size"] == .int(4))
            #expect(stored.settings["add_path_components"] == .int(0))
            #expect(stored.settings["fps"] == .double(24.5))
            #expect(stored.settings["has_previews"] == .bool(true))
            let tasks = try await farm.storedTasks(of: answer.id)
            #expect(tasks.map(\.name) == ["render-1-4", "render-5-8", "render-9,10", "preview-video"])
        }
    }

    @Test func badSettingIsRefusedBeforeAnythingIsStored() async throws {
        try await ClientFarm.with { farm in
            let submitter = JobSubmitter(client: farm.client)
            let wrongType = SubmissionError.wrongType(key: "sleep_repeats", expected: "an integer (32-bit)", value: "x")
            await #expect(throws: wrongType) {
                try await submitter.submit(
                    JobOrder(type: "echo-sleep-test", name: "bad", settingArguments: ["message=m", "sleep_repeats=x"]))
            }
            await #expect(throws: SubmissionError.self) {
                try await submitter.submit(JobOrder(type: "echo-sleep-test", name: "bad", settingArguments: []))
            }
            // Tablao's Manager would store a setting its type does not declare; only the client stands in the way.
            await #expect(throws: SubmissionError.self) {
                try await submitter.submit(
                    JobOrder(type: "echo-sleep-test", name: "typo", settingArguments: ["message=m", "sleep_repeat=4"]))
            }
            await #expect(throws: SubmissionError.self) {
                try await submitter.submit(JobOrder(type: "no-such-type", name: "bad", settingArguments: ["message=m"]))
            }
            let stored = try await farm.storedJobs()
            #expect(stored.isEmpty)
        }
    }

    @Test func managerRefusalCarriesItsMessage() async throws {
        try await ClientFarm.with { farm in
            let arguments = SettingsValidationTests.renderArguments.map { $0 == "format=PNG" ? "format=FFMPEG" : $0 }
            let error = await #expect(throws: FarmClientError.self) {
                try await JobSubmitter(client: farm.client).submit(
                    JobOrder(type: "simple-blender-render", name: "video", settingArguments: arguments))
            }
            guard case .refused(let call, let status, let message) = error else {
                Issue.record("expected the Manager's refusal, got \(String(describing: error))")
                return
            }
            #expect(call == "POST /api/v3/jobs" && status == 400)
            #expect(message.contains("FFMPEG"), "the Manager's Error message: \(message)")
            let stored = try await farm.storedJobs()
            #expect(stored.isEmpty)
        }
    }

    @Test func unreachableManagerIsReportedAsSuch() async throws {
        let error = await #expect(throws: FarmClientError.self) {
            try await FarmAPIClient(manager: "127.0.0.1:1").jobTypes()
        }
        guard case .unreachable(let manager, _) = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(manager == "http://127.0.0.1:1")
    }
}
