import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// A worker played by hand over the worker API (protocol.md §3): register, sign on, wake up, take a task.
struct WorkerCalls: Sendable {
    let baseURL: String
    let name: String
    let secret = String(repeating: "5e", count: 32)
    private(set) var id = ""

    /// Registers, signs on and reports `awake`; the worker is then ready for tasks.
    static func awake(baseURL: String, name: String) async throws -> WorkerCalls {
        var worker = WorkerCalls(baseURL: baseURL, name: name)
        let registration: [String: Any] = [
            "name": name, "secret": worker.secret, "platform": "linux", "supported_task_types": ["misc"],
        ]
        let registered = try await worker.send("/api/v3/worker/register-worker", json: registration, authorized: false)
        worker.id = try #require((registered.body as? [String: Any])?["uuid"] as? String)
        let signOn: [String: Any] = ["name": name, "supported_task_types": ["misc"], "software_version": "test"]
        #expect(try await worker.send("/api/v3/worker/sign-on", json: signOn).status == 200)
        #expect(try await worker.send("/api/v3/worker/state-changed", json: ["status": "awake"]).status == 204)
        return worker
    }

    /// Signs off (the worker goes `offline`; the Manager remembers its status for the next sign-on).
    func signOff() async throws {
        #expect(try await send("/api/v3/worker/sign-off", json: nil).status == 204)
    }

    /// Asks for a task; its name, or `nil` when none is given.
    func takeTask() async throws -> String? {
        let answer = try await send("/api/v3/worker/task", json: nil)
        return answer.status == 200 ? (answer.body as? [String: Any])?["name"] as? String : nil
    }

    private func send(
        _ path: String, json: [String: Any]?, authorized: Bool = true
    ) async throws -> (status: Int, body: Any?) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        if authorized {
            let token = Data("\(id):\(secret)".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(token)")
        }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        let parsed = body.readableBytes == 0 ? nil : try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        return (Int(response.status.code), parsed)
    }
}
