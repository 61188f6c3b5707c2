import Farm
import FarmModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobScripts
import Logging
import ManagerAPI
import NIOCore
import Storage
import Testing

/// A Manager over a real database file whose job types come from a job-types folder of its own, plus helpers to
/// write scripts into that folder and to call the HTTP API. `with` always cleans up.
struct ScriptFarm: Sendable {
    let folder: URL
    let scripts: URL
    let database: FarmDatabase
    let jobTypes: ScriptedJobTypes
    let services: ManagerServices
    let log: RecordingLogHandler.Store

    /// Creation time handed to compilers: 2024-05-01T10:00:00Z.
    static let created = Date(timeIntervalSince1970: 1_714_557_600)

    static func with<T: Sendable>(
        timeLimit: Duration = .seconds(10), files: [String: String] = [:], _ body: (ScriptFarm) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-scripts-\(UUID().uuidString)")
        let scripts = folder.appending(path: "job-types")
        let storageRoot = folder.appending(path: "storage")
        try FileManager.default.createDirectory(at: storageRoot, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        let (logger, log) = RecordingLogHandler.logger()
        let database = try FarmDatabase.open(DatabaseOptions(path: folder.appending(path: "farm.sqlite").path))
        let pool = ScriptThreadPool()
        let jobTypes = ScriptedJobTypes(folder: scripts, timeLimit: timeLimit, pool: pool, logger: logger)
        let pipeline = LastRenderedPipeline(database: database, storageRoot: storageRoot, logger: logger)
        let settings = FarmSettings(storageRoot: storageRoot, timeZone: TimeZone(identifier: "Europe/Madrid")!)
        let services = ManagerServices(
            context: FarmContext(database: database, settings: settings), pipeline: pipeline, jobTypes: jobTypes)
        let farm = ScriptFarm(
            folder: folder, scripts: scripts, database: database, jobTypes: jobTypes, services: services, log: log)
        let outcome: Result<T, any Error>
        do {
            for (name, source) in files { try farm.write(name, source) }
            outcome = .success(try await body(farm))
        } catch {
            outcome = .failure(error)
        }
        pipeline.stop()
        await pipeline.waitUntilIdle()
        pool.stop()
        await database.close()
        try? FileManager.default.removeItem(at: folder)
        return try outcome.get()
    }

    /// Writes (or replaces) a file in the job-types folder, creating subfolders as needed.
    func write(_ name: String, _ source: String) throws {
        let url = scripts.appending(path: name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try source.write(to: url, atomically: false, encoding: .utf8)
    }

    /// Removes a file from the job-types folder.
    func remove(_ name: String) throws { try FileManager.default.removeItem(at: scripts.appending(path: name)) }

    /// Runs `body` against the router in-process.
    func router<T: Sendable>(_ body: @Sendable (ScriptAPI) async throws -> T) async throws -> T {
        let application = Application(
            router: buildRouter(services: services), logger: Logger(label: "quiet") { _ in SwiftLogNoOpLogHandler() })
        return try await application.test(.router) { client in try await body(ScriptAPI(client: client)) }
    }

    /// Runs `body` against a live HTTP server; more connections can be opened to the port it gets.
    func live<T: Sendable>(_ body: @Sendable (ScriptAPI, Int) async throws -> T) async throws -> T {
        let application = Application(
            router: buildRouter(services: services), logger: Logger(label: "quiet") { _ in SwiftLogNoOpLogHandler() })
        return try await application.test(.live) { client in
            try await body(ScriptAPI(client: client), try #require(client.port))
        }
    }

    /// How many jobs and tasks the database holds.
    func storedCounts() async throws -> (jobs: Int, tasks: Int) {
        try await database.read { tx in
            let jobs = try tx.jobs.list()
            var tasks = 0
            for job in jobs { tasks += try tx.tasks.tasks(ofJob: job.rowID).count }
            return (jobs.count, tasks)
        }
    }

    /// A stored job and its tasks in job order.
    func stored(_ id: String) async throws -> (job: FarmModel.Job, tasks: [FarmTask]) {
        try await database.read { tx in
            let job = try #require(try tx.jobs.find(JobID(unchecked: id)))
            let tasks = try tx.tasks.tasks(ofJob: job.rowID).map { task in
                try #require(try tx.tasks.find(rowID: task.rowID, withCommands: true))
            }
            return (job, tasks)
        }
    }

    /// Compiles directly through the catalog (no HTTP), as `POST /jobs` would, at `created` in Madrid time.
    func compile(
        type: String, settings: [String: JSONValue], name: String = "shot 010"
    ) async throws(JobCompileError) -> CompiledJob {
        guard let jobType = await jobTypes.offeredJobType(named: type) else { throw .unknownJobType(type) }
        return try await jobType.compile(Self.job(type: type, settings: settings, name: name))
    }

    /// The job a compile test hands to a compiler.
    static func job(type: String, settings: [String: JSONValue], name: String = "shot 010") -> JobToCompile {
        JobToCompile(
            id: JobID(unchecked: "0c9d2c7e-5b1f-4d3a-9e8f-6a7b8c9d0e1f"),
            submission: JobSubmission(
                name: name, type: type, priority: 60, settings: settings, metadata: ["project": "tablao"]),
            status: .queued, workerTag: "", shamanCheckoutID: "",
            context: CompileContext(creationTime: created, timeZone: TimeZone(identifier: "Europe/Madrid")!))
    }
}

/// A reply of the API: status and parsed body.
struct ScriptReply: Sendable {
    let status: HTTPResponse.Status
    let text: String
    func json() throws -> JSONValue { try JSONValueParser.parse(text) }
    /// `message` of an `Error` body.
    func message() throws -> String { try #require(try json().field("message")?.stringValue) }
}

/// JSON requests against the Manager API, through the test client or a connection of their own.
struct ScriptAPI: Sendable {
    let transport: @Sendable (HTTPRequest.Method, String, HTTPFields, ByteBuffer?) async throws -> ScriptReply

    init(client: any TestClientProtocol) {
        transport = { method, uri, headers, body in
            let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
            return ScriptReply(status: response.status, text: String(buffer: response.body))
        }
    }

    /// Requests over one keep-alive connection of its own, so they do not wait behind other requests' answers.
    init(connection: TestClient) {
        transport = { method, uri, headers, body in
            var headers = headers
            headers[.connection] = "keep-alive"
            let response = try await connection.execute(
                TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
            return ScriptReply(status: response.status, text: String(buffer: response.body ?? ByteBuffer()))
        }
    }

    func get(_ path: String) async throws -> ScriptReply { try await transport(.get, path, [:], nil) }

    func post(_ path: String, _ body: JSONValue) async throws -> ScriptReply {
        try await transport(.post, path, [.contentType: "application/json"], ByteBuffer(string: body.jsonText()))
    }

    /// Submits a job of `type`; `etag` is sent as `type_etag` when given.
    func submit(_ type: String, settings: [String: JSONValue], etag: String? = nil, check: Bool = false) async throws
        -> ScriptReply
    {
        var body: [String: JSONValue] = [
            "name": .string("shot 010"), "type": .string(type), "priority": .int(50),
            "submitter_platform": .string("linux"), "settings": .object(settings),
            "metadata": .object(["project": .string("tablao")]),
        ]
        if let etag { body["type_etag"] = .string(etag) }
        return try await post(check ? "/api/v3/jobs/check" : "/api/v3/jobs", .object(body))
    }
}

extension JSONValue {
    /// `self[key]` of an object.
    func field(_ key: String) -> JSONValue? { if case .object(let fields) = self { fields[key] } else { nil } }
}

/// Parses JSON written in a test (`json(#"{"frames": "1-10"}"#)`).
func json(_ text: String) -> JSONValue {
    do {
        return try JSONValueParser.parse(text)
    } catch {
        preconditionFailure("test JSON is malformed at offset \(error.offset): \(text)")
    }
}

/// The object fields of JSON written in a test.
func object(_ text: String) -> [String: JSONValue] {
    guard case .object(let fields) = json(text) else { preconditionFailure("not a JSON object: \(text)") }
    return fields
}

/// The job-type scripts written for these tests (Tests/JobScriptsTests/Scripts).
enum TestScripts {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Scripts")

    /// The text of one script, by its path in the Scripts folder.
    static func source(_ name: String) throws -> String {
        try String(contentsOf: folder.appending(path: name), encoding: .utf8)
    }

    /// Several scripts by path, ready for `ScriptFarm.with(files:)`.
    static func files(_ names: String...) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in names { files[name] = try source(name) }
        return files
    }
}
