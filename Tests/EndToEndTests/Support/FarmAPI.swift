import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The Manager's HTTP API as the Blender add-on and the web UI use it, over real HTTP.
struct FarmAPI: Sendable {
    /// `http://127.0.0.1:<port>`.
    let baseURL: String

    /// One answer: status code and body.
    struct Answer: Sendable {
        let status: Int
        let body: Data
        let contentType: String?

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends one request; network errors throw.
    func send(_ method: HTTPMethod, _ path: String, json: Data? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : baseURL + path)
        request.method = method
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
        let body = try await response.body.collect(upTo: 64 << 20)
        return Answer(
            status: Int(response.status.code), body: Data(body.readableBytesView),
            contentType: response.headers.first(name: "Content-Type"))
    }

    /// `GET path`.
    func get(_ path: String) async throws -> Answer { try await send(.GET, path) }

    /// `GET`/`POST` expecting 200 and a JSON body of type `T`.
    func decode<T: Decodable>(
        _ type: T.Type, _ path: String, method: HTTPMethod = .GET, json: Data? = nil
    ) async throws -> T {
        let answer = try await send(method, path, json: json)
        guard answer.status == 200 else {
            throw EndToEndFailure("\(method) \(path) answered \(answer.status): \(answer.text)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: answer.body)
        } catch {
            throw EndToEndFailure("\(method) \(path): cannot read \(T.self) from \(answer.text): \(error)")
        }
    }

    /// `POST /api/v3/jobs`.
    func submit(_ job: [String: Any]) async throws -> Wire.Job {
        let body = try JSONSerialization.data(withJSONObject: job)
        return try await decode(Wire.Job.self, "/api/v3/jobs", method: .POST, json: body)
    }

    /// `GET /api/v3/jobs/{id}`.
    func job(_ id: String) async throws -> Wire.Job {
        try await decode(Wire.Job.self, "/api/v3/jobs/\(id)")
    }

    /// `GET /api/v3/jobs/{id}/tasks`, sorted by name.
    func tasks(ofJob id: String) async throws -> [Wire.Task] {
        try await decode(Wire.JobTasks.self, "/api/v3/jobs/\(id)/tasks").tasks.sorted { $0.name < $1.name }
    }

    /// `GET /api/v3/tasks/{id}`.
    func task(_ id: String) async throws -> Wire.Task {
        try await decode(Wire.Task.self, "/api/v3/tasks/\(id)")
    }

    /// The whole task log, through `GET /api/v3/tasks/{id}/log` and the `/job-files/` URL it names; "" when none.
    func taskLog(_ id: String) async throws -> String {
        let info = try await send(.GET, "/api/v3/tasks/\(id)/log")
        if info.status == 204 { return "" }
        let decoded = try await decode(Wire.TaskLogInfo.self, "/api/v3/tasks/\(id)/log")
        let file = try await send(.GET, decoded.url)
        guard file.status == 200 else { throw EndToEndFailure("GET \(decoded.url) answered \(file.status)") }
        return file.text
    }

    /// `GET /api/v3/worker-mgt/workers`.
    func workers() async throws -> [Wire.WorkerSummary] {
        try await decode(Wire.WorkerList.self, "/api/v3/worker-mgt/workers").workers
    }

    /// `GET /api/v3/jobs/{id}/last-rendered`: nil on 204 (no image yet).
    func lastRendered(ofJob id: String) async throws -> Wire.LastRenderedInfo? {
        let answer = try await send(.GET, "/api/v3/jobs/\(id)/last-rendered")
        if answer.status == 204 { return nil }
        return try await decode(Wire.LastRenderedInfo.self, "/api/v3/jobs/\(id)/last-rendered")
    }
}
