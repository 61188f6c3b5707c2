import Farm
import FarmModel
import Foundation
import HTTPTypes
import Storage
import Testing

/// `POST /api/v3/worker/register-worker` (protocol.md §3.1; checklist items 4, 7, 9).
@Suite struct RegisterWorkerTests {
    static let validBody = #"""
        {"name": "render-07", "secret": "s3cret", "platform": "linux",
         "supported_task_types": ["Blender", " ffmpeg ", "misc"]}
        """#

    @Test func registerAnswersFreshLowerCaseUUIDWithOfflineStatusAndTaskTypesAsGiven() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let reply = try await api.send(.post, "/api/v3/worker/register-worker", json: Self.validBody)
                let body = try expectJSON(reply, .ok)
                let uuid = try #require(body["uuid"].stringValue)
                #expect(uuid == uuid.lowercased())
                #expect(uuid.count == 36 && UUID(uuidString: uuid) != nil)
                #expect(body["status"] == .string("offline"))
                #expect(body["name"] == .string("render-07"))
                #expect(body["platform"] == .string("linux"))
                #expect(body["software"] == .string(""))
                #expect(body["supported_task_types"] == .array([.string("Blender"), .string(" ffmpeg "), .string("misc")]))
                #expect(body["address"].stringValue != nil)
                #expect(body["current_task"] == .null)
                #expect(try schemaProblems(body, "RegisteredWorker") == [])

                let stored = try await farm.worker(WorkerCredentials(id: uuid, secret: "s3cret"))
                #expect(stored.state == WorkerStatusState(status: .offline))
                #expect(stored.supportedTaskTypes == ["Blender", " ffmpeg ", "misc"])
                #expect(stored.lastSeen == nil)
            }
        }
    }

    @Test func registerRecordsTheClientAddressOverRealHTTP() async throws {
        try await TestFarm.with { farm in
            try await farm.live { api, _ in
                let reply = try await api.send(.post, "/api/v3/worker/register-worker", json: Self.validBody)
                let body = try expectJSON(reply, .ok)
                #expect(body["address"] == .string("127.0.0.1"))
            }
        }
    }

    @Test(arguments: ["Basic Og==", "Basic bm90LWEtdXVpZDp3cm9uZw==", "Bearer token", "garbage"])
    func registerIgnoresAnAuthorizationHeader(_ authorization: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let reply = try await api.send(
                    .post, "/api/v3/worker/register-worker", json: Self.validBody,
                    headers: [.authorization: authorization])
                try expectJSON(reply, .ok)
            }
        }
    }

    @Test func twoRegistrationsWithOneNameCreateTwoWorkers() async throws {
        try await TestFarm.with { farm in
            let (first, second) = try await farm.router { api in
                (try await api.register(name: "twin"), try await api.register(name: "twin"))
            }
            #expect(first.id != second.id)
            let workers = try await farm.database.read { tx in try tx.workers.list() }
            #expect(workers.map(\.name) == ["twin", "twin"])
            #expect(Set(workers.map(\.id.rawValue)) == [first.id, second.id])
        }
    }

    static let invalidBodies: [String] = [
        #"{"secret": "s", "platform": "linux", "supported_task_types": []}"#,  // no name
        #"{"name": "w", "platform": "linux", "supported_task_types": []}"#,  // no secret
        #"{"name": "w", "secret": "s", "supported_task_types": []}"#,  // no platform
        #"{"name": "w", "secret": "s", "platform": "linux"}"#,  // no supported_task_types
        #"{"name": 5, "secret": "s", "platform": "linux", "supported_task_types": []}"#,
        #"{"name": "w", "secret": "s", "platform": "linux", "supported_task_types": "misc"}"#,
        #"{"name": "w", "secret": "s", "platform": "linux", "supported_task_types": [1]}"#,
        #"{"name": "w", "secret": null, "platform": "linux", "supported_task_types": []}"#,
        #"{"name": "w", "secret": "", "platform": "linux", "supported_task_types": []}"#,
        #"{"name": "w", "secret": "s", "platform": "linux", "supported_task_types": ["misc"]"#,  // truncated
        "not json at all",
        "[]",
        "null",
        "",
    ]

    @Test(arguments: invalidBodies)
    func registerRejectsInvalidBodiesWith400(_ body: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let reply = try await api.send(.post, "/api/v3/worker/register-worker", json: body)
                try expectError(reply, .badRequest)
            }
            #expect(try await farm.database.read { tx in try tx.workers.list() }.isEmpty)
        }
    }

    @Test(arguments: ["text/plain", "application/x-www-form-urlencoded", "image/png"])
    func registerRejectsNonJSONContentTypeWith400(_ contentType: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let reply = try await api.send(
                    .post, "/api/v3/worker/register-worker", json: Self.validBody,
                    headers: [.contentType: contentType])
                try expectError(reply, .badRequest)
            }
            #expect(try await farm.database.read { tx in try tx.workers.list() }.isEmpty)
        }
    }

    @Test(arguments: [
        WorkerCredentials.randomSecret(),  // the Go Worker's 64 hex characters
        String(repeating: "x", count: 72),
        String(repeating: "y", count: 100),  // beyond bcrypt's limit (§13 row 4)
        "ünïcødé-sécret-" + String(repeating: "é", count: 40),
    ])
    func registerAcceptsLongSecretsThatThenAuthenticate(_ secret: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.register(secret: secret)
                try expectJSON(try await api.signOn(worker), .ok)
                let wrong = WorkerCredentials(id: worker.id, secret: String(secret.dropLast()))
                try expectError(try await api.signOn(wrong), .forbidden)
            }
        }
    }

    @Test func registerAcceptsUnknownExtraFields() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let reply = try await api.send(
                    .post, "/api/v3/worker/register-worker",
                    json: #"""
                        {"name": "w", "secret": "s", "platform": "linux", "supported_task_types": [],
                         "colour": "blue", "nested": {"a": [1, null]}, "software": "3.9"}
                        """#)
                let body = try expectJSON(reply, .ok)
                #expect(body["supported_task_types"] == .array([]))
            }
        }
    }
}
