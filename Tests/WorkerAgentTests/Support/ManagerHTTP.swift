import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The user-facing API calls the tests make (job submission, status changes, worker list).
struct ManagerHTTP: Sendable {
    let baseURL: String

    /// Sends JSON, returns status and parsed JSON body (if any).
    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, json: [String: Any]? = nil) async throws -> (Int, Any?) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 22)
        let parsed = body.readableBytes == 0 ? nil : try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        return (Int(response.status.code), parsed)
    }

    /// Submits an `echo-sleep-test` job; returns its id.
    func submitEchoSleep(message: String, sleepSeconds: Int, repeats: Int) async throws -> String {
        let (status, body) = try await send(
            .POST, "/api/v3/jobs",
            json: [
                "name": "echo \(message)", "type": "echo-sleep-test", "priority": 50, "submitter_platform": "linux",
                "settings": ["message": message, "sleep_duration_seconds": sleepSeconds, "sleep_repeats": repeats],
            ])
        guard status == 200, let id = (body as? [String: Any])?["id"] as? String else {
            throw TestFailure("submission answered \(status): \(String(describing: body))")
        }
        return id
    }

    /// The workers known to the Manager, as JSON objects.
    func workers() async throws -> [[String: Any]] {
        let (_, body) = try await send(.GET, "/api/v3/worker-mgt/workers")
        return ((body as? [String: Any])?["workers"] as? [[String: Any]]) ?? []
    }
}

/// A test precondition that did not hold.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
