import Farm
import FarmModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing

/// A worker's Basic-auth credentials.
struct WorkerCredentials: Sendable, Hashable {
    let id: String
    let secret: String

    var authorization: String { "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString() }

    /// 32 random bytes, hex-encoded: what the Go Worker sends.
    static func randomSecret() -> String {
        (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max)) }.joined()
    }
}

/// An HTTP answer, whichever client produced it.
struct Reply: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: ByteBuffer

    var text: String { String(buffer: body) }
    var isEmpty: Bool { body.readableBytes == 0 }
    func json() throws -> JSONValue { try WireTestSupport.parse(text) }
}

/// Sends Manager API requests through the router test client, the live test client, or a raw `TestClient`.
struct API: Sendable {
    let transport: @Sendable (HTTPRequest.Method, String, HTTPFields, ByteBuffer?) async throws -> Reply

    init(client: any TestClientProtocol) {
        transport = { method, uri, headers, body in
            let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
            return Reply(status: response.status, headers: response.headers, body: response.body)
        }
    }

    /// One keep-alive connection of its own (for concurrent live clients).
    init(connection: TestClient) {
        transport = { method, uri, headers, body in
            var headers = headers
            headers[.connection] = "keep-alive"
            let response = try await connection.execute(
                TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
            return Reply(status: response.status, headers: response.headers, body: response.body ?? ByteBuffer())
        }
    }

    static let worker = "/api/v3/worker"

    // MARK: Raw requests

    func send(
        _ method: HTTPRequest.Method, _ uri: String, as worker: WorkerCredentials? = nil, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if let worker, headers[.authorization] == nil { headers[.authorization] = worker.authorization }
        var body: ByteBuffer?
        if let json {
            if headers[.contentType] == nil { headers[.contentType] = "application/json" }
            body = ByteBuffer(string: json)
        }
        return try await transport(method, uri, headers, body)
    }

    func sendBytes(
        _ method: HTTPRequest.Method, _ uri: String, as worker: WorkerCredentials?, bytes: [UInt8]?,
        headers extra: HTTPFields
    ) async throws -> Reply {
        var headers = extra
        if let worker, headers[.authorization] == nil { headers[.authorization] = worker.authorization }
        return try await transport(method, uri, headers, bytes.map { ByteBuffer(bytes: $0) })
    }

    // MARK: Worker operations

    func register(
        name: String = "render-01", platform: String = "linux", taskTypes: [String] = ["misc", "blender"],
        secret: String = WorkerCredentials.randomSecret()
    ) async throws -> WorkerCredentials {
        let reply = try await send(
            .post, "\(Self.worker)/register-worker",
            json: JSONValue.object([
                "name": .string(name), "platform": .string(platform), "secret": .string(secret),
                "supported_task_types": .array(taskTypes.map(JSONValue.string)),
            ]).jsonText())
        try #require(reply.status == .ok, "register-worker answered \(reply.status): \(reply.text)")
        return WorkerCredentials(id: try #require(try reply.json()["uuid"].stringValue), secret: secret)
    }

    func signOn(
        _ worker: WorkerCredentials, name: String = "render-01", taskTypes: [String] = ["misc", "blender"],
        software: String = "3.9-beta1 (tests)", canRestart: Bool? = nil
    ) async throws -> Reply {
        var body: [String: JSONValue] = [
            "name": .string(name), "supported_task_types": .array(taskTypes.map(JSONValue.string)),
            "software_version": .string(software),
        ]
        if let canRestart { body["can_restart"] = .bool(canRestart) }
        return try await send(.post, "\(Self.worker)/sign-on", as: worker, json: JSONValue.object(body).jsonText())
    }

    func signOff(_ worker: WorkerCredentials) async throws -> Reply {
        try await send(.post, "\(Self.worker)/sign-off", as: worker)
    }

    func state(_ worker: WorkerCredentials) async throws -> Reply {
        try await send(.get, "\(Self.worker)/state", as: worker)
    }

    func stateChanged(_ worker: WorkerCredentials, _ status: String) async throws -> Reply {
        try await send(.post, "\(Self.worker)/state-changed", as: worker, json: #"{"status": "\#(status)"}"#)
    }

    /// Registers, signs on and reports `awake`, checking each answer.
    func awakeWorker(
        name: String = "render-01", platform: String = "linux", taskTypes: [String] = ["misc", "blender"]
    ) async throws -> WorkerCredentials {
        let worker = try await register(name: name, platform: platform, taskTypes: taskTypes)
        let signOn = try await signOn(worker, name: name, taskTypes: taskTypes)
        try #require(signOn.status == .ok, "sign-on answered \(signOn.status)")
        let changed = try await stateChanged(worker, "awake")
        try #require(changed.status == .noContent, "state-changed answered \(changed.status)")
        return worker
    }

    func requestTask(_ worker: WorkerCredentials) async throws -> Reply {
        try await send(.post, "\(Self.worker)/task", as: worker)
    }

    /// Requests a task and requires a 200; returns the `AssignedTask` body.
    func takeTask(_ worker: WorkerCredentials) async throws -> JSONValue {
        let reply = try await requestTask(worker)
        try #require(reply.status == .ok, "POST /worker/task answered \(reply.status): \(reply.text)")
        return try reply.json()
    }

    func update(_ worker: WorkerCredentials, _ taskID: String, _ json: String) async throws -> Reply {
        try await send(.post, "\(Self.worker)/task/\(taskID)", as: worker, json: json)
    }

    /// Sends `{"taskStatus": status}` and requires a 204.
    func report(_ worker: WorkerCredentials, _ taskID: String, _ status: String, log: String? = nil) async throws {
        var body: [String: JSONValue] = ["taskStatus": .string(status)]
        if let log { body["log"] = .string(log) }
        let reply = try await update(worker, taskID, JSONValue.object(body).jsonText())
        try #require(reply.status == .noContent, "task update answered \(reply.status): \(reply.text)")
    }

    func mayIRun(_ worker: WorkerCredentials, _ taskID: String) async throws -> Reply {
        try await send(.get, "\(Self.worker)/task/\(taskID)/may-i-run", as: worker)
    }

    func upload(
        _ worker: WorkerCredentials, _ taskID: String, _ bytes: [UInt8]?, contentType: String? = "image/png",
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if let contentType { headers[.contentType] = contentType }
        return try await sendBytes(
            .post, "\(Self.worker)/task/\(taskID)/output-produced", as: worker, bytes: bytes, headers: headers)
    }
}

// MARK: - Assertions on answers

/// Checks a JSON answer: status, `Content-Type: application/json`, no `null` anywhere; returns the body.
@discardableResult
func expectJSON(
    _ reply: Reply, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation
) throws -> JSONValue {
    #expect(reply.status == status, "body: \(reply.text)", sourceLocation: sourceLocation)
    #expect(reply.headers[.contentType] == "application/json", sourceLocation: sourceLocation)
    let body = try reply.json()
    #expect(!WireTestSupport.containsNull(body), "null in \(reply.text)", sourceLocation: sourceLocation)
    return body
}

/// Checks an `Error` answer: exactly `code` (equal to the status) and a non-empty `message`.
@discardableResult
func expectError(
    _ reply: Reply, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation
) throws -> String {
    let body = try expectJSON(reply, status, sourceLocation: sourceLocation)
    #expect(WireTestSupport.keys(body) == ["code", "message"], sourceLocation: sourceLocation)
    #expect(body["code"] == .int(Int64(status.code)), sourceLocation: sourceLocation)
    let message = body["message"].stringValue ?? ""
    #expect(!message.isEmpty, sourceLocation: sourceLocation)
    return message
}

/// Checks a bodiless answer (204, 202).
func expectEmpty(
    _ reply: Reply, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(reply.status == status, "body: \(reply.text)", sourceLocation: sourceLocation)
    #expect(reply.isEmpty, "body: \(reply.text)", sourceLocation: sourceLocation)
}

/// Problems of `value` against the document's schema `name` (empty when it conforms).
func schemaProblems(_ value: JSONValue, _ name: String) throws -> [String] {
    try OpenAPIDocument.load().problems(in: value, schema: name, requireAll: false)
}
