import Farm
import FarmModel
import Foundation
import HTTPTypes
import ManagerAPI
import SQLite
import Storage
import Testing

/// Calls of the unauthenticated management API (protocol.md §10), on top of the worker helpers in `Support/`.
extension API {
    static let jobs = "/api/v3/jobs"
    static let tasks = "/api/v3/tasks"
    static let workers = "/api/v3/worker-mgt/workers"
    static let tags = "/api/v3/worker-mgt/tags"

    func get(_ uri: String) async throws -> Reply { try await send(.get, uri) }

    func post(_ uri: String, _ json: JSONValue) async throws -> Reply {
        try await send(.post, uri, json: json.jsonText())
    }

    /// `POST /jobs` with a `SubmittedJob` body.
    func submit(_ body: JSONValue) async throws -> Reply { try await post(Self.jobs, body) }

    /// Submits and requires a 200; returns the `Job` body.
    func submitted(_ body: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let reply = try await submit(body)
        try #require(
            reply.status == .ok, "submit answered \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
        return try reply.json()
    }

    func setJobStatus(_ job: String, _ status: String, reason: String = "tests") async throws -> Reply {
        try await post(
            "\(Self.jobs)/\(job)/setstatus", .object(["status": .string(status), "reason": .string(reason)]))
    }

    func setTaskStatus(_ task: String, _ status: String, reason: String = "tests") async throws -> Reply {
        try await post(
            "\(Self.tasks)/\(task)/setstatus", .object(["status": .string(status), "reason": .string(reason)]))
    }

    /// `POST /worker-mgt/workers/{id}/setstatus`.
    func requestStatus(_ worker: String, _ status: String, lazy: Bool) async throws -> Reply {
        try await post(
            "\(Self.workers)/\(worker)/setstatus", .object(["status": .string(status), "is_lazy": .bool(lazy)]))
    }

    /// `GET /jobs/{id}` as JSON, requiring a 200.
    func job(_ id: String) async throws -> JSONValue { try expectJSON(try await get("\(Self.jobs)/\(id)"), .ok) }

    /// `GET /tasks/{id}` as JSON, requiring a 200.
    func task(_ id: String) async throws -> JSONValue { try expectJSON(try await get("\(Self.tasks)/\(id)"), .ok) }

    /// `GET /worker-mgt/workers/{id}` as JSON, requiring a 200.
    func managedWorker(_ id: String) async throws -> JSONValue {
        try expectJSON(try await get("\(Self.workers)/\(id)"), .ok)
    }

    /// Creates a tag and returns its ID.
    func createTag(_ name: String, description: String? = nil) async throws -> String {
        var body: [String: JSONValue] = ["name": .string(name)]
        if let description { body["description"] = .string(description) }
        let reply = try await post(Self.tags, .object(body))
        try #require(reply.status == .ok, "create tag answered \(reply.status): \(reply.text)")
        return try #require(try reply.json()["id"].stringValue)
    }

    func setTags(_ worker: String, _ tags: [String]) async throws -> Reply {
        try await post("\(Self.workers)/\(worker)/settags", .object(["tag_ids": .array(tags.map(JSONValue.string))]))
    }

    /// The `status` of a job or task fetched over HTTP.
    func jobStatus(_ id: String) async throws -> String? { try await job(id)["status"].stringValue }
    func taskStatus(_ id: String) async throws -> String? { try await task(id)["status"].stringValue }

    /// The `mayKeepRunning`, `reason` and `statusChangeRequested` of a may-i-run answer.
    func mayRun(_ worker: WorkerCredentials, _ task: String) async throws -> (Bool?, String?, Bool?) {
        let body = try expectJSON(try await mayIRun(worker, task), .ok)
        guard case .bool(let may) = body["mayKeepRunning"], case .bool(let requested) = body["statusChangeRequested"]
        else { return (nil, body["reason"].stringValue, nil) }
        return (may, body["reason"].stringValue, requested)
    }
}

/// `SubmittedJob` bodies for the two built-in job types.
enum Submissions {
    static func echo(
        name: String = "echo job", message: JSONValue? = .string("hello"), repeats: Int? = nil,
        extra: [String: JSONValue] = [:]
    ) -> JSONValue {
        var settings: [String: JSONValue] = [:]
        if let message { settings["message"] = message }
        if let repeats { settings["sleep_repeats"] = .int(Int64(repeats)) }
        var body: [String: JSONValue] = [
            "name": .string(name), "type": .string("echo-sleep-test"), "priority": .int(50),
            "submitter_platform": .string("linux"), "settings": .object(settings),
        ]
        body.merge(extra) { $1 }
        return .object(body)
    }

    /// Settings of a valid `simple-blender-render` job, as the add-on sends them.
    static func blenderSettings(frames: String = "1-10", chunkSize: Int? = 3) -> [String: JSONValue] {
        var settings: [String: JSONValue] = [
            "frames": .string(frames), "render_output_root": .string("/render/"), "add_path_components": .int(0),
            "render_output_path": .string("/render/shot/{timestamp}/######"),
            "blendfile": .string("/shared/shot.blend"),
            "fps": .int(24), "format": .string("PNG"), "image_file_extension": .string(".png"),
            "has_previews": .bool(false), "scene": .string("Scene"),
        ]
        if let chunkSize { settings["chunk_size"] = .int(Int64(chunkSize)) }
        return settings
    }

    static func blender(
        name: String = "render job", settings: [String: JSONValue] = blenderSettings(), extra: [String: JSONValue] = [:]
    ) -> JSONValue {
        var body: [String: JSONValue] = [
            "name": .string(name), "type": .string("simple-blender-render"), "priority": .int(50),
            "submitter_platform": .string("linux"), "settings": .object(settings),
        ]
        body.merge(extra) { $1 }
        return .object(body)
    }
}

extension TestFarm {
    /// Rows of a table, counted on a connection of its own (sees every committed write).
    func rowCount(_ table: String) throws -> Int {
        let connection = try Connection(path: database.path, readOnly: true)
        return try connection.scalar("SELECT count(*) FROM \(table)", as: Int.self) ?? -1
    }

    /// Stores task statuses directly, as if the farm had run (the job's status is left alone).
    func setTaskStatuses(_ statuses: [(FarmTask, TaskStatus)]) async throws {
        let rows = statuses.map { ($0.0.rowID, $0.1) }
        try await database.write { tx in
            for (rowID, status) in rows { try tx.tasks.setStatus(rowID: rowID, to: status) }
        }
    }

    /// Records `worker` on the task's failure list.
    func recordFailure(of task: FarmTask, by worker: WorkerCredentials) async throws {
        let workerRow = try await self.worker(worker).rowID
        try await database.write { tx in
            _ = try tx.failures.recordFailure(taskRowID: task.rowID, workerRowID: workerRow)
        }
    }

    /// Adds a job blocklist entry.
    func block(_ worker: WorkerCredentials, on job: JobID, taskType: String) async throws {
        let workerRow = try await self.worker(worker).rowID
        let jobRow = try await self.job(job).rowID
        try await database.write { tx in
            try tx.failures.block(jobRowID: jobRow, workerRowID: workerRow, taskType: taskType)
        }
    }

    /// Writes `text` as the task's log.
    func writeLog(_ text: String, of task: FarmTask) throws {
        try services.context.logs.append(text, job: task.jobID, task: task.id)
    }
}

extension JSONValue {
    /// The `id`s of the objects in an array member.
    func ids(_ key: String) -> [String] { (self[key].arrayValue ?? []).compactMap { $0["id"].stringValue } }
}
