import FarmModel
import Foundation
import HTTPTypes
import Testing

/// Version, configuration, shared storage, variables and farm status (protocol.md §10.4).
@Suite struct MetaRoutesTests {
    @Test func versionReportsTheEmulatedFlamencoReleaseAndTheManagerName() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let body = try expectJSON(try await api.get("/api/v3/version"), .ok)
                #expect(try schemaProblems(body, "FlamencoVersion") == [])
                #expect(body["shortversion"] == .string("3.9-beta1"))
                #expect(body["name"] == .string("Tablao"))
                #expect(body["version"].stringValue?.hasPrefix("3.9-beta1") == true)
                #expect((body["git"].stringValue ?? "").isEmpty == false)
            }
        }
    }

    @Test func configurationPointsAtTheStorageFolderWithoutShaman() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let body = try expectJSON(try await api.get("/api/v3/configuration"), .ok)
                #expect(try schemaProblems(body, "ManagerConfiguration") == [])
                #expect(
                    body
                        == .object([
                            "storageLocation": .string(farm.storageRoot.path), "shamanEnabled": .bool(false),
                            "isFirstRun": .bool(false),
                        ]))
            }
        }
    }

    @Test(arguments: ["users", "workers"])
    func sharedStorageAnswersTheStoragePathForEitherAudience(_ audience: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let body = try expectJSON(
                    try await api.get("/api/v3/configuration/shared-storage/\(audience)/linux"), .ok)
                #expect(try schemaProblems(body, "SharedStorageLocation") == [])
                #expect(
                    body
                        == .object([
                            "location": .string(farm.storageRoot.path), "audience": .string(audience),
                            "platform": .string("linux"), "shamanEnabled": .bool(false),
                        ]))
            }
        }
    }

    @Test func sharedStorageAndVariablesAnswer400ForAnUnknownAudience() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                try expectError(try await api.get("/api/v3/configuration/shared-storage/admins/linux"), .badRequest)
                try expectError(try await api.get("/api/v3/configuration/variables/admins/linux"), .badRequest)
            }
        }
    }

    @Test func variablesAreExpandedForThePlatform() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let windows = try expectJSON(try await api.get("/api/v3/configuration/variables/workers/windows"), .ok)
                #expect(try schemaProblems(windows, "ManagerVariables") == [])
                #expect(windows["blender"] == .object(["value": .string("blender.exe"), "is_twoway": .bool(false)]))
                #expect(windows["blenderArgs"] == .object(["value": .string("-b -y"), "is_twoway": .bool(false)]))
                let linux = try expectJSON(try await api.get("/api/v3/configuration/variables/users/linux"), .ok)
                #expect(linux["blender"]["value"] == .string("blender"))
                #expect(linux["jobs"]["value"] == .string(farm.storageRoot.path))
            }
        }
    }

    @Test func farmStatusFollowsWorkersAndJobs() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                func status() async throws -> JSONValue? {
                    let body = try expectJSON(try await api.get("/api/v3/status"), .ok)
                    #expect(try schemaProblems(body, "FarmStatusReport") == [])
                    return body["status"]
                }
                #expect(try await status() == .string("inoperative"))
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                #expect(try await status() == .string("inoperative"))

                let worker = try await api.register()
                #expect(try await status() == .string("inoperative"))  // only an offline worker
                try #require(try await api.signOn(worker).status == .ok)
                expectEmpty(try await api.stateChanged(worker, "asleep"), .noContent)
                #expect(try await status() == .string("waiting"))  // a queued job, nobody awake

                expectEmpty(try await api.stateChanged(worker, "awake"), .noContent)
                #expect(try await status() == .string("waiting"))  // queued, not yet active
                let task = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                #expect(try await status() == .string("active"))

                try await api.report(worker, task, "completed")
                #expect(try await farm.job(job.id).status == .completed)
                #expect(try await status() == .string("idle"))

                expectEmpty(try await api.stateChanged(worker, "asleep"), .noContent)
                #expect(try await status() == .string("asleep"))

                try await farm.setState(of: worker, WorkerStatusState(status: .error, request: nil))
                #expect(try await status() == .string("inoperative"))
            }
        }
    }
}
