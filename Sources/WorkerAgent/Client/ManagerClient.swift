import AsyncHTTPClient
import FarmClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A request that got no HTTP answer: the Manager could not be reached (or did not answer in time).
public struct ManagerUnreachable: Error, CustomStringConvertible {
    /// The Manager's base URL.
    public let baseURL: String
    /// Why, in a few words (``ConnectionFailure/explain(_:)``).
    public let reason: String

    public var description: String { "cannot reach the Manager at \(baseURL): \(reason)" }
}

/// HTTP calls to a Flamenco v3 Manager; network-level failures throw ``ManagerUnreachable`` (and are logged with
/// back-off by the client's ``OutageLog``), every HTTP answer is returned.
public struct ManagerClient: Sendable {
    /// Longest wait for one answer (worker-agent.md §1.6, Tablao note).
    static let requestTimeout: Duration = .seconds(60)

    /// The HTTP methods the worker uses.
    enum Method: Sendable {
        case get, post

        var nio: HTTPMethod { self == .get ? .GET : .POST }
    }

    let baseURL: String
    let http: HTTPClient
    let userAgent: String
    let outage: OutageLog

    /// A client for `baseURL`; API paths are resolved relative to it (a trailing `/` is added). Outages are reported
    /// to `logger`.
    public init(
        baseURL: String, http: HTTPClient = WorkerHTTPClient.shared, version: String = WorkerVersion.current,
        logger: Logger = Logger(label: "tablao.worker")
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.http = http
        self.userAgent = "Tablao/\(version) (worker)"
        self.outage = OutageLog(logger: logger)
    }

    /// Sends `method path` with an optional JSON body and Basic credentials.
    func send(
        _ method: Method, _ path: String, credentials: WorkerCredentials?, json: (any Encodable & Sendable)? = nil,
        timeout: Duration = requestTimeout
    ) async throws -> ManagerResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method.nio
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "Authorization", value: (credentials ?? .empty).authorization)
        if let json {
            let data = try JSONEncoder().encode(json)
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        return try await execute(request, timeout: timeout)
    }

    /// Sends an already encoded JSON body (a queued task update).
    func sendRaw(
        _ method: Method, _ path: String, credentials: WorkerCredentials?, body: [UInt8],
        contentType: String = "application/json", timeout: Duration = requestTimeout
    ) async throws -> ManagerResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method.nio
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "Authorization", value: (credentials ?? .empty).authorization)
        request.headers.add(name: "Content-Type", value: contentType)
        request.body = .bytes(ByteBuffer(bytes: body))
        return try await execute(request, timeout: timeout)
    }

    private func execute(_ request: HTTPClientRequest, timeout: Duration) async throws -> ManagerResponse {
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(request, timeout: .nanoseconds(nanoseconds))
            body = try await response.body.collect(upTo: 16 << 20)
        } catch {
            if Task.isCancelled || error is CancellationError { throw error }
            let reason = ConnectionFailure.explain(error)
            outage.failed(baseURL, reason: reason)
            throw ManagerUnreachable(baseURL: baseURL, reason: reason)
        }
        outage.answered(baseURL)
        let contentType = response.headers.first(name: "Content-Type") ?? ""
        return ManagerResponse(
            status: Int(response.status.code), isJSON: contentType.contains("json"), body: Data(body.readableBytesView))
    }
}
