import FarmModel
import Foundation
import Testing

/// The real `tablao submit`, `tablao jobs` and `tablao workers` against a live in-process Manager.
@Suite struct TablaoBinaryTests {
    @Test func submitPrintsTheJobIDAndExitsZero() async throws {
        try await ClientFarm.with { farm in
            let run = try await TablaoProcess.run([
                "submit", "--manager", farm.baseURL, "--type", "echo-sleep-test", "--name", "from the shell",
                "--setting", "message=hi there", "--setting", "sleep_repeats=2",
            ])
            #expect(run.status == 0, "stderr: \(run.standardError)")
            let id = run.standardOutput.trimmingCharacters(in: .newlines)
            #expect(run.standardOutput == id + "\n")
            let stored = try await farm.storedJob(id)
            #expect(stored.name == "from the shell" && stored.settings["message"] == .string("hi there"))
            #expect(stored.settings["sleep_repeats"] == .int(2))
        }
    }

    @Test func badSettingExitsNonZeroWithAMessage() async throws {
        try await ClientFarm.with { farm in
            let run = try await TablaoProcess.run(
                ["submit", "--type", "echo-sleep-test", "--setting", "message=hi", "--setting", "sleep_repeats=lots"],
                environment: ["TABLAO_MANAGER": farm.baseURL])
            #expect(run.status != 0)
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.contains(#"setting "sleep_repeats" must be an integer"#), "\(run.standardError)")
            #expect(!run.standardError.contains("refused"), "checked by the client, not the Manager")
            #expect(try await farm.storedJobs().isEmpty)
        }
    }

    @Test func jobsAndWorkersListWhatTheManagerHolds() async throws {
        try await ClientFarm.with { farm in
            let submitted = try await TablaoProcess.run([
                "submit", "--manager", farm.baseURL, "--type", "echo-sleep-test", "--setting", "message=m",
            ])
            let id = submitted.standardOutput.trimmingCharacters(in: .newlines)
            _ = try await WorkerCalls.awake(baseURL: farm.baseURL, name: "shell-worker")
            let jobs = try await TablaoProcess.run(["jobs", "--manager", farm.baseURL])
            #expect(jobs.status == 0 && jobs.standardOutput.hasPrefix("ID "))
            #expect(jobs.standardOutput.contains(id) && jobs.standardOutput.contains("echo-sleep-test"))
            let workers = try await TablaoProcess.run(["workers", "--manager", farm.baseURL])
            #expect(workers.status == 0 && workers.standardOutput.contains("shell-worker"))
            let json = try await TablaoProcess.run(["jobs", "--json", "--manager", farm.baseURL])
            let parsed = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
            #expect((parsed?["jobs"] as? [[String: Any]])?.first?["id"] as? String == id)
        }
    }

    @Test func unreachableManagerExitsNonZero() async throws {
        let run = try await TablaoProcess.run(["jobs", "--manager", "http://127.0.0.1:1"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("cannot reach the Manager at http://127.0.0.1:1"), "\(run.standardError)")
    }
}
