import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A worker's Basic-auth credentials (protocol.md §2).
struct WorkerCredentials: Sendable {
    let id: String
    let secret: String

    var authorization: String { "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString() }
}

/// One HTTP exchange with the manager over the shared keep-alive connection pool.
struct ManagerClient: Sendable {
    /// A complete answer: status and body.
    struct Answer: Sendable {
        let status: Int
        let body: ByteBuffer

        func decode<T: Decodable>(_ type: T.Type) -> T? {
            try? JSONDecoder().decode(type, from: Data(body.readableBytesView))
        }

        var text: String { String(buffer: body) }
    }

    /// Longest wait for one answer; a hung manager then counts as a connection error.
    static let requestTimeout: TimeAmount = .seconds(20)

    let http: HTTPClient
    let baseURL: String

    /// Sends a request and collects the whole answer; throws if none arrived (connection refused, reset, time-out).
    func send(
        _ method: HTTPMethod, _ path: String, as credentials: WorkerCredentials? = nil, json: Data? = nil
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let credentials { request.headers.add(name: "Authorization", value: credentials.authorization) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        let response = try await http.execute(request, timeout: Self.requestTimeout)
        let body = try await response.body.collect(upTo: 1 << 20)
        return Answer(status: Int(response.status.code), body: body)
    }
}

/// Wire bodies the simulated workers send and read (protocol.md §4).
enum WireBody {
    /// A JSON object's bytes.
    static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    struct RegisteredWorker: Decodable { let uuid: String }
    struct StateChange: Decodable {
        let statusRequested: String
        enum CodingKeys: String, CodingKey { case statusRequested = "status_requested" }
    }
    struct AssignedTask: Decodable {
        let uuid: String
        let status: String
    }
    struct MayKeepRunning: Decodable {
        let mayKeepRunning: Bool
        let reason: String
    }
}
