import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// HTTP/1.1 keep-alive client of the load generator: one pooled connection per simulated worker.
struct BenchHTTP: Sendable {
    /// A complete answer.
    struct Answer: Sendable {
        let status: Int
        let body: ByteBuffer

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONDecoder().decode(type, from: Data(body.readableBytesView))
        }
    }

    /// A request that got an unexpected status.
    struct UnexpectedStatus: Error, CustomStringConvertible {
        let method: String
        let path: String
        let status: Int
        let body: String
        var description: String { "\(method) \(path) answered \(status): \(body.prefix(300))" }
    }

    let client: HTTPClient
    let baseURL: String

    /// A client allowing `connections` concurrent keep-alive connections to one host.
    static func makeClient(connections: Int) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the client's connections.
    func shutdown() async { try? await client.shutdown() }

    /// Sends a request and collects the answer.
    func send(
        _ method: HTTPMethod, _ path: String, authorization: String? = nil, body: ByteBuffer? = nil,
        timeout: TimeAmount = .seconds(60)
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        let response = try await client.execute(request, timeout: timeout)
        let collected = try await response.body.collect(upTo: 16 << 20)
        return Answer(status: Int(response.status.code), body: collected)
    }

    /// Sends a request and throws unless the status is one of `expected`.
    @discardableResult
    func expect(
        _ expected: Set<Int>, _ method: HTTPMethod, _ path: String, authorization: String? = nil,
        body: ByteBuffer? = nil, timeout: TimeAmount = .seconds(60)
    ) async throws -> Answer {
        let answer = try await send(method, path, authorization: authorization, body: body, timeout: timeout)
        guard expected.contains(answer.status) else {
            throw UnexpectedStatus(
                method: method.rawValue, path: path, status: answer.status, body: String(buffer: answer.body))
        }
        return answer
    }

    /// A JSON object's bytes.
    static func json(_ object: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8))
    }
}
