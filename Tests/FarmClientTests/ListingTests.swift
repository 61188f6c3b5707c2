import FarmClient
import Foundation
import Testing

/// `tablao jobs` / `tablao workers` tables and raw JSON against a live Manager.
@Suite struct ListingTests {
    @Test func jobsTableShowsEverySubmittedJobAligned() async throws {
        try await ClientFarm.with { farm in
            let submitter = JobSubmitter(client: farm.client)
            let first = try await submitter.submit(
                JobOrder(type: "echo-sleep-test", name: "first", settingArguments: ["message=1", "sleep_repeats=2"]))
            let second = try await submitter.submit(
                JobOrder(
                    type: "simple-blender-render", name: "a longer job name", priority: 80,
                    settingArguments: SettingsValidationTests.renderArguments))
            let lines = try await FarmListing(client: farm.client).jobsTable().rendered.split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines[1].hasPrefix(first.id) && lines[1].contains("first") && lines[1].contains("echo-sleep-test"))
            #expect(lines[1].contains("queued") && lines[1].hasSuffix("0/3 (0%)"))
            #expect(lines[2].hasPrefix(second.id) && lines[2].contains("80") && lines[2].hasSuffix("0/11 (0%)"))
            for header in ["TYPE", "STATUS", "PROGRESS"] {
                let column = try #require(lines[0].range(of: header)).lowerBound.utf16Offset(in: lines[0])
                for line in lines.dropFirst() {
                    let cells = Array(line.utf8)
                    let startsThere = cells[column - 1] == UInt8(ascii: " ") && cells[column] != UInt8(ascii: " ")
                    #expect(startsThere, "\(header) column: \(line)")
                }
            }
        }
    }

    @Test func workersTableShowsStatusTaskAndLastSeen() async throws {
        try await ClientFarm.with { farm in
            let job = try await JobSubmitter(client: farm.client).submit(
                JobOrder(type: "echo-sleep-test", name: "echo", settingArguments: ["message=hi"]))
            let worker = try await WorkerCalls.awake(baseURL: farm.baseURL, name: "render-07")
            #expect(try await worker.takeTask() == "echo")
            let table = try await FarmListing(client: farm.client).workersTable()
            #expect(table.headers == ["ID", "NAME", "STATUS", "TASK", "LAST SEEN"])
            #expect(table.rows.count == 1)
            let row = try #require(table.rows.first)
            #expect(row[0] == worker.id && row[1] == "render-07" && row[2] == "awake" && row[3] == "echo (active)")
            #expect(row[4].hasSuffix("s ago"), "last seen: \(row[4])")
            #expect(try await farm.client.jobs().first { $0.id == job.id }?.status == "active")
        }
    }

    /// A signed-off worker is `offline`: the status the Manager keeps for its next sign-on is not a pending request.
    @Test func signedOffWorkerShowsAsOffline() async throws {
        try await ClientFarm.with { farm in
            let worker = try await WorkerCalls.awake(baseURL: farm.baseURL, name: "render-08")
            try await worker.signOff()
            let record = try #require(try await farm.client.workers().first)
            #expect(record.status == "offline" && record.statusChange?.status == "awake")
            let row = try #require(try await FarmListing(client: farm.client).workersTable().rows.first)
            #expect(row[2] == "offline")
        }
    }

    @Test func rawJSONIsTheManagersAnswer() async throws {
        try await ClientFarm.with { farm in
            let job = try await JobSubmitter(client: farm.client).submit(
                JobOrder(type: "echo-sleep-test", name: "raw", settingArguments: ["message=m"]))
            let worker = try await WorkerCalls.awake(baseURL: farm.baseURL, name: "w-json")
            let jobs = try JSONSerialization.jsonObject(with: try await farm.client.jobsJSON()) as? [String: Any]
            let listed = try #require(jobs?["jobs"] as? [[String: Any]])
            #expect(listed.map { $0["id"] as? String } == [job.id])
            #expect(listed.first?["settings"] as? [String: Int] == nil, "settings keep their mixed JSON types")
            let workers = try JSONSerialization.jsonObject(with: try await farm.client.workersJSON()) as? [String: Any]
            #expect((workers?["workers"] as? [[String: Any]])?.map { $0["id"] as? String } == [worker.id])
        }
    }

    @Test func workerAgesAndPendingRequestsAreReadable() throws {
        let json = """
            {"workers": [
              {"id": "a", "name": "w1", "status": "awake", "last_seen": "2026-01-01T10:00:00.123456789Z",
               "status_change": {"status": "offline", "is_lazy": true}},
              {"id": "b", "name": "w2", "status": "offline"},
              {"id": "c", "name": "w3", "status": "asleep", "status_change": {"status": "awake", "is_lazy": false}},
              {"id": "d", "name": "w4", "status": "offline", "status_change": {"status": "asleep", "is_lazy": false}}]}
            """
        let workers = try JSONDecoder().decode(WorkerRecordList.self, from: Data(json.utf8)).workers
        let now = try #require(ISO8601DateFormatter().date(from: "2026-01-01T12:30:05Z"))
        let table = WorkerTable.table(workers.map { WorkerTable.Row(worker: $0, task: nil) }, now: now)
        #expect(table.rows[0] == ["a", "w1", "awake → offline (lazy)", "-", "2h ago"])
        #expect(table.rows[1] == ["b", "w2", "offline", "-", "never"])
        #expect(table.rows[2][2] == "asleep → awake")
        #expect(table.rows[3][2] == "offline")  // the status for its next sign-on, nothing pending now
    }

    @Test func managerAddressComesFromOptionThenEnvironment() {
        #expect(ManagerAddress.resolve(option: nil, environment: [:]) == "http://localhost:8080")
        #expect(ManagerAddress.resolve(option: nil, environment: ["TABLAO_MANAGER": "farm:9000/"]) == "http://farm:9000")
        #expect(
            ManagerAddress.resolve(option: "https://m.example/", environment: ["TABLAO_MANAGER": "farm:9000"])
                == "https://m.example")
    }
}
