import Foundation
import NIOCore
import NIOHTTP1

/// One simulated worker of the load generator: registered, signed on and `awake`, with the task it holds.
struct BenchWorker: Sendable {
    let name: String
    let authorization: String
    /// The task assigned to this worker and not yet completed, if any.
    var task: String?
    /// Updates sent for `task`.
    var updates = 0

    /// Task types the simulated workers run: those of the seeded farm.
    static let taskTypes = ["blender", "ffmpeg"]

    /// Registers, signs on and reports `awake` (protocol.md §3.0), as a worker starting up does.
    static func start(_ http: BenchHTTP, name: String) async throws -> BenchWorker {
        let secret = UUID().uuidString
        let registered = try await http.expect(
            [200], .POST, "/api/v3/worker/register-worker",
            body: BenchHTTP.json([
                "name": name, "secret": secret, "platform": "linux", "supported_task_types": taskTypes,
            ]))
        let id = try registered.decode(Registered.self).uuid
        let authorization = "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString()
        try await http.expect(
            [200], .POST, "/api/v3/worker/sign-on", authorization: authorization,
            body: BenchHTTP.json([
                "name": name, "supported_task_types": taskTypes, "software_version": "tablao-bench",
            ]))
        try await http.expect(
            [204], .POST, "/api/v3/worker/state-changed", authorization: authorization,
            body: BenchHTTP.json(["status": "awake"]))
        return BenchWorker(name: name, authorization: authorization)
    }

    /// Starts `count` workers concurrently.
    static func startMany(_ http: BenchHTTP, count: Int, prefix: String) async throws -> [BenchWorker] {
        try await withThrowingTaskGroup(of: BenchWorker.self) { group in
            for index in 0..<count {
                group.addTask { try await start(http, name: "\(prefix)-\(index)") }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    private struct Registered: Decodable { let uuid: String }
}

/// The fields of an `AssignedTask` the load generator reads.
struct AssignedTaskFields: Decodable {
    let uuid: String
    let job: String
    let name: String
}

/// A task request answered 204: nothing to run.
struct NoTaskAvailable: Error {}
