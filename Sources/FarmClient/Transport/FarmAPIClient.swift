import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A user's client of a Flamenco v3 Manager's jobs and worker-management API (unauthenticated, protocol.md §10).
///
/// It speaks only the wire protocol, so it works against Tablao and Flamenco's own Manager alike.
public struct FarmAPIClient: Sendable {
    /// Longest wait for one answer.
    static let requestTimeout: TimeAmount = .seconds(30)
    /// Largest body read from an answer.
    static let bodyLimit = 64 << 20

    /// The Manager's base URL, without a trailing `/`.
    public let baseURL: String
    let http: HTTPClient

    /// A client of the Manager at `manager` (see ``ManagerAddress/normalized(_:)``).
    public init(manager: String, http: HTTPClient = FarmHTTPClient.shared) {
        self.baseURL = ManagerAddress.normalized(manager)
        self.http = http
    }

    /// Sends `GET path`.
    func get(_ path: String) async throws(FarmClientError) -> FarmResponse {
        try await send(.GET, path, body: nil)
    }

    /// Sends `POST path` with `body` as JSON.
    func post(_ path: String, json body: some Encodable) async throws(FarmClientError) -> FarmResponse {
        let data: Data
        do {
            data = try JSONEncoder().encode(body)
        } catch {
            throw .unexpectedAnswer(path: path, detail: "could not encode the request: \(error)")
        }
        return try await send(.POST, path, body: data)
    }

    private func send(_ method: HTTPMethod, _ path: String, body: Data?) async throws(FarmClientError) -> FarmResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "User-Agent", value: "Tablao/\(FarmAPIClient.version) (client)")
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await http.execute(request, timeout: Self.requestTimeout)
            let collected = try await response.body.collect(upTo: Self.bodyLimit)
            return FarmResponse(
                method: method.rawValue, path: path, status: Int(response.status.code),
                body: Data(collected.readableBytesView))
        } catch {
            throw .unreachable(manager: baseURL, detail: ConnectionFailure.explain(error))
        }
    }

    /// The client's version, sent in the User-Agent.
    public static let version = "0.1.0"
}
