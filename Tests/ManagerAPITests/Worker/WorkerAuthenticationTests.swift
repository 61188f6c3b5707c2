import Farm
import FarmModel
import Foundation
import HTTPTypes
import Imaging
import Storage
import Testing

/// One of the eight endpoints behind `worker_auth` (protocol.md §2), with a valid and an invalid body.
struct AuthenticatedEndpoint: Sendable, CustomTestStringConvertible {
    let name: String
    let method: HTTPRequest.Method
    /// Path relative to `/api/v3/worker/`; `{task}` is replaced by a task ID.
    let path: String
    let contentType: String?
    let validBody: [UInt8]?
    /// A body the endpoint refuses with 400/415 when authentication succeeds; nil for bodiless endpoints.
    let invalidBody: [UInt8]?

    var testDescription: String { name }

    func uri(task: String) -> String { "/api/v3/worker/" + path.replacingOccurrences(of: "{task}", with: task) }

    static let tinyPNG: [UInt8] = try! RGBImage(width: 2, height: 2, pixels: Array(repeating: 200, count: 12))
        .pngEncoded()

    static let all: [AuthenticatedEndpoint] = [
        .init(
            name: "sign-on", method: .post, path: "sign-on", contentType: "application/json",
            validBody: Array(#"{"name": "w", "supported_task_types": ["misc"], "software_version": "3.9"}"#.utf8),
            invalidBody: Array(#"{"name": 5}"#.utf8)),
        .init(name: "sign-off", method: .post, path: "sign-off", contentType: nil, validBody: nil, invalidBody: nil),
        .init(name: "state", method: .get, path: "state", contentType: nil, validBody: nil, invalidBody: nil),
        .init(
            name: "state-changed", method: .post, path: "state-changed", contentType: "application/json",
            validBody: Array(#"{"status": "awake"}"#.utf8), invalidBody: Array(#"{"status": "sleepy"}"#.utf8)),
        .init(name: "task", method: .post, path: "task", contentType: nil, validBody: nil, invalidBody: nil),
        .init(
            name: "task update", method: .post, path: "task/{task}", contentType: "application/json",
            validBody: Array(#"{"activity": "busy"}"#.utf8), invalidBody: Array(#"{"taskStatus": 7"#.utf8)),
        .init(
            name: "may-i-run", method: .get, path: "task/{task}/may-i-run", contentType: nil, validBody: nil,
            invalidBody: nil),
        .init(
            name: "output-produced", method: .post, path: "task/{task}/output-produced", contentType: "image/png",
            validBody: tinyPNG, invalidBody: []),
    ]

    static var withBodies: [AuthenticatedEndpoint] { all.filter { $0.invalidBody != nil } }

    func send(_ api: API, authorization: String?, task: String, body: [UInt8]?) async throws -> Reply {
        var headers: HTTPFields = [:]
        if let authorization { headers[.authorization] = authorization }
        if let contentType { headers[.contentType] = contentType }
        return try await api.sendBytes(method, uri(task: task), as: nil, bytes: body, headers: headers)
    }
}

/// Ways to fail authentication (protocol.md §2, checklist item 8).
enum AuthFailure: String, CaseIterable, Sendable {
    case noHeader, malformedHeader, unknownWorker, wrongSecret, deletedWorker
}

/// Authentication of the eight worker endpoints: 403 with an `Error` body, before any body validation.
@Suite struct WorkerAuthenticationTests {
    /// A farm with one awake worker holding an active task; returns the worker and its task.
    private func prepare(_ farm: TestFarm, _ api: API) async throws -> (WorkerCredentials, String) {
        try await farm.seedJob(tasks: [Seed.task("only")])
        let worker = try await api.awakeWorker()
        let task = try #require(try await api.takeTask(worker)["uuid"].stringValue)
        return (worker, task)
    }

    /// The `Authorization` values to try for a failure kind; deletes the worker for `.deletedWorker`.
    private func authorizations(
        for failure: AuthFailure, worker: WorkerCredentials, farm: TestFarm
    ) async throws -> [String?] {
        switch failure {
        case .noHeader:
            return [nil]
        case .malformedHeader:
            return [
                "Bearer \(worker.secret)", "Basic", "Basic %%%not-base64%%%",
                "Basic " + Data(worker.id.utf8).base64EncodedString(),  // no colon
                "Basic " + Data("not-a-uuid:\(worker.secret)".utf8).base64EncodedString(),
                "Basic " + Data("\(worker.id.uppercased()):\(worker.secret)".utf8).base64EncodedString(),
                worker.authorization.replacingOccurrences(of: "Basic ", with: "Digest "),
            ]
        case .unknownWorker:
            return [WorkerCredentials(id: UUID().uuidString.lowercased(), secret: worker.secret).authorization]
        case .wrongSecret:
            return [
                WorkerCredentials(id: worker.id, secret: worker.secret + "x").authorization,
                WorkerCredentials(id: worker.id, secret: "").authorization,
            ]
        case .deletedWorker:
            try await farm.softDelete(worker)
            return [worker.authorization]
        }
    }

    @Test(arguments: AuthenticatedEndpoint.all, AuthFailure.allCases)
    func authenticatedEndpointAnswers403WithErrorBody(_ endpoint: AuthenticatedEndpoint, _ failure: AuthFailure)
        async throws
    {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, task) = try await prepare(farm, api)
                // The credentials work (and are now known to the authenticator) before the failure is set up.
                expectEmpty(try await api.update(worker, task, #"{"activity": "warm-up"}"#), .noContent)
                for authorization in try await authorizations(for: failure, worker: worker, farm: farm) {
                    let reply = try await endpoint.send(
                        api, authorization: authorization, task: task, body: endpoint.validBody)
                    try expectError(reply, .forbidden)
                    #expect(reply.headers[.wwwAuthenticate] == nil)
                }
                let stored = try await farm.task(task)
                #expect(stored.status == .active)
                #expect(stored.activity == "warm-up")
            }
        }
    }

    @Test(arguments: AuthenticatedEndpoint.withBodies, [AuthFailure.noHeader, .wrongSecret, .deletedWorker])
    func authenticationIsCheckedBeforeBodyValidation(_ endpoint: AuthenticatedEndpoint, _ failure: AuthFailure)
        async throws
    {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, task) = try await prepare(farm, api)
                let control = try await endpoint.send(
                    api, authorization: worker.authorization, task: task, body: endpoint.invalidBody)
                #expect([.badRequest, .unsupportedMediaType].contains(control.status), "control: \(control.status)")
                for authorization in try await authorizations(for: failure, worker: worker, farm: farm) {
                    let reply = try await endpoint.send(
                        api, authorization: authorization, task: task, body: endpoint.invalidBody)
                    try expectError(reply, .forbidden)
                }
            }
        }
    }

    @Test func workerDeletedThroughTheManagementAPIIsRefusedAtOnce() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, task) = try await prepare(farm, api)
                expectEmpty(try await api.send(.delete, "/api/v3/worker-mgt/workers/\(worker.id)"), .noContent)
                try expectError(try await api.state(worker), .forbidden)
                try expectError(try await api.update(worker, task, #"{"taskStatus": "bogus"}"#), .forbidden)
                try expectError(try await api.upload(worker, task, nil), .forbidden)
                #expect(try await farm.task(task).status == .queued)
            }
        }
    }

    @Test func deletedWorkerIsRefusedEvenWithoutBody411() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, task) = try await prepare(farm, api)
                try await farm.softDelete(worker)
                // No Content-Length: 411 for a live worker, but a deleted one must not get that far.
                try expectError(try await api.upload(worker, task, nil), .forbidden)
                try expectError(try await api.state(worker), .forbidden)
            }
        }
    }
}
