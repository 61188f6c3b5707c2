import AsyncHTTPClient
import Foundation
import NIOHTTP1
import SQLite
import Testing

/// The real `tablao serve` survives job submissions nested deeper than its encoder can write, and answers jobs an
/// older Manager stored that deep, without the process ever exiting.
@Suite(.serialized)
struct HostileInputProcessTests {
    /// `levels` arrays around 1, as JSON text.
    static func nestedText(_ levels: Int) -> String {
        String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels)
    }

    /// A scratch folder with a database and storage path; removed when the test passes.
    struct Scratch {
        let folder: URL
        var database: URL { folder.appending(path: "tablao.sqlite") }
        var storage: URL { folder.appending(path: "tablao-storage") }
        var log: URL { folder.appending(path: "manager.log") }

        init(_ name: String) throws {
            folder = FileManager.default.temporaryDirectory.appending(path: "tablao-\(name)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        func start(_ binary: URL) async throws -> RunningManager {
            try await RunningManager.start(
                binary: binary, database: database, storage: storage, log: log, client: HTTPClient.shared)
        }
    }

    /// Requires that the manager process still runs and answers.
    func expectAlive(
        _ manager: RunningManager, _ api: ManagerHTTP, _ context: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let version = try? await api.send(.GET, "/api/v3/version")
        #expect(
            manager.exit.value == nil && version?.status == 200,
            "tablao exited (status \(manager.exit.value.map(String.init) ?? "none")) after \(context):\n\(manager.logTail)",
            sourceLocation: sourceLocation)
    }

    @Test(.timeLimit(.minutes(5)))
    func aSubmissionNested510LevelsDeepIsRefusedAndTheProcessLives() async throws {
        let binary = try #require(TablaoBinary.locate(), "no tablao executable; run swift build --product tablao first")
        let scratch = try Scratch("deep-submit")
        let manager = try await scratch.start(binary)
        let api = ManagerHTTP(client: HTTPClient.shared, baseURL: manager.baseURL)
        var passed = false
        defer { if passed { try? FileManager.default.removeItem(at: scratch.folder) } }

        let body = #"{"name":"bomb","type":"echo-sleep-test","priority":50,"submitter_platform":"linux","#
            + #""settings":{"message":"hi","bomb":"# + Self.nestedText(510) + "}}"
        let answer = try await api.send(.POST, "/api/v3/jobs", json: Data(body.utf8))
        #expect(answer.status == 400, "deep submission answered \(answer.status): \(answer.text.prefix(300))")
        #expect((answer.object?["message"] as? String)?.contains("settings.bomb") == true, "\(answer.text.prefix(300))")
        try await expectAlive(manager, api, "the deep submission")
        let list = try await api.send(.GET, "/api/v3/jobs")
        #expect(list.status == 200)
        try await expectAlive(manager, api, "listing jobs")
        #expect(await manager.stop() == 0, "tablao did not stop cleanly:\n\(manager.logTail)")
        passed = true
    }

    @Test(.timeLimit(.minutes(5)))
    func aJobStoredTooDeepByAnOlderManagerIsListedAndFetchedWithoutKillingTheProcess() async throws {
        let binary = try #require(TablaoBinary.locate(), "no tablao executable; run swift build --product tablao first")
        let scratch = try Scratch("deep-stored")
        var passed = false
        defer { if passed { try? FileManager.default.removeItem(at: scratch.folder) } }

        // A database with one job, whose settings are then rewritten as the Manager before the nesting cap stored
        // an accepted 510-level submission.
        let first = try await scratch.start(binary)
        let firstAPI = ManagerHTTP(client: HTTPClient.shared, baseURL: first.baseURL)
        let submitted = try await firstAPI.send(
            .POST, "/api/v3/jobs",
            json: jsonBody([
                "name": "old", "type": "echo-sleep-test", "priority": 50, "submitter_platform": "linux",
                "settings": ["message": "hello"],
            ]))
        #expect(submitted.status == 200, "\(submitted.text)")
        let id = try #require(submitted.object?["id"] as? String)
        #expect(await first.stop() == 0)
        let connection = try SQLite.Connection(path: scratch.database.path)
        try connection.execute(
            "UPDATE jobs SET settings = ? WHERE uuid = ?",
            .text(#"{"bomb":"# + Self.nestedText(510) + #","message":"hello"}"#), .text(id))
        connection.close()

        let manager = try await scratch.start(binary)
        let api = ManagerHTTP(client: HTTPClient.shared, baseURL: manager.baseURL)
        for round in 1...2 {
            let list = try await api.send(.GET, "/api/v3/jobs")
            #expect(list.status == 200, "GET /jobs answered \(list.status): \(list.text.prefix(300))")
            #expect(list.text.contains(id))
            try await expectAlive(manager, api, "GET /api/v3/jobs (round \(round))")
            let one = try await api.send(.GET, "/api/v3/jobs/\(id)")
            #expect(one.status == 200, "GET /jobs/{id} answered \(one.status): \(one.text.prefix(300))")
            #expect(one.text.contains("not shown"), "\(one.text.prefix(300))")
            #expect(((one.object?["settings"] as? [String: Any])?["message"] as? String) == "hello")
            try await expectAlive(manager, api, "GET /api/v3/jobs/{id} (round \(round))")
        }
        #expect(await manager.stop() == 0, "tablao did not stop cleanly:\n\(manager.logTail)")
        passed = true
    }

    @Test(.timeLimit(.minutes(5)))
    func nestedValuesInEveryStoredFieldNeverMakeTheProcessExit() async throws {
        let binary = try #require(TablaoBinary.locate(), "no tablao executable; run swift build --product tablao first")
        let scratch = try Scratch("nested-fuzz")
        let manager = try await scratch.start(binary)
        let api = ManagerHTTP(client: HTTPClient.shared, baseURL: manager.baseURL)
        var passed = false
        defer { if passed { try? FileManager.default.removeItem(at: scratch.folder) } }

        var corpus = NestedSubmissionCorpus(seed: UInt64.random(in: 0 ... .max))
        var byStatus: [Int: Int] = [:]
        for index in 0..<NestedSubmissionCorpus.requestCount {
            let body = corpus.next()
            let path = index % 4 == 3 ? "/api/v3/jobs/check" : "/api/v3/jobs"
            let answer = try await api.send(.POST, path, json: Data(body.utf8))
            byStatus[answer.status, default: 0] += 1
            #expect(answer.status < 500, "seed \(corpus.seed): \(answer.status) for \(body.prefix(200)): \(answer.text.prefix(200))")
            if answer.status == 200, let id = answer.object?["id"] as? String {
                let one = try await api.send(.GET, "/api/v3/jobs/\(id)")
                #expect(one.status == 200, "seed \(corpus.seed): GET /jobs/\(id) answered \(one.status)")
                let tasks = try await api.send(.GET, "/api/v3/jobs/\(id)/tasks")
                #expect(tasks.status == 200, "seed \(corpus.seed): GET /jobs/\(id)/tasks answered \(tasks.status)")
            }
            if manager.exit.value != nil { break }
        }
        let list = try await api.send(.GET, "/api/v3/jobs")
        #expect(list.status == 200, "GET /jobs answered \(list.status): \(list.text.prefix(300))")
        try await expectAlive(manager, api, "the nested submissions (seed \(corpus.seed))")
        print("nested submissions, seed \(corpus.seed): answers by status \(byStatus.sorted { $0.key < $1.key })")
        #expect(await manager.stop() == 0, "tablao did not stop cleanly:\n\(manager.logTail)")
        passed = true
    }
}

/// Job submissions with nested values, from a seeded random source, in every field a job stores: undeclared and
/// declared settings (which job types copy into commands' parameters), metadata, name and priority.
struct NestedSubmissionCorpus {
    static let requestCount = 150

    let seed: UInt64
    private var state: UInt64

    init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    private mutating func random() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func pick<T>(_ choices: [T]) -> T { choices[Int(random() % UInt64(choices.count))] }

    /// Arrays and objects mixed, `levels` deep, around a scalar.
    private mutating func nested(_ levels: Int) -> String {
        var text = pick(["1", "\"x\"", "null", "true", "{}", "[]", "1.5e300"])
        for _ in 0..<levels {
            text = random() % 2 == 0 ? "[" + text + "]" : #"{"k":"# + text + "}"
        }
        return text
    }

    private mutating func depth() -> Int { pick([0, 1, 2, 31, 32, 33, 64, 200, 509, 510, 511, 600, 5_000]) }

    /// One submission body, as JSON text.
    mutating func next() -> String {
        let type = pick(["echo-sleep-test", "simple-blender-render"])
        var settings: [String: String] =
            type == "echo-sleep-test"
            ? ["message": #""hi""#, "sleep_duration_seconds": "1", "sleep_repeats": "1"]
            : [
                "frames": #""1-3""#, "chunk_size": "1", "render_output_root": #""/r/""#, "add_path_components": "0",
                "render_output_path": #""/r/######""#, "blendfile": #""/s/shot.blend""#, "fps": "24",
                "format": #""PNG""#, "image_file_extension": #"".png""#, "has_previews": "false", "scene": #""Scene""#,
            ]
        var metadata: [String: String] = ["project": #""p""#]
        var name = #""nested""#
        var priority = "50"
        switch random() % 6 {
        case 0: settings["undeclared-\(random() % 3)"] = nested(depth())
        case 1: settings[pick(Array(settings.keys))] = nested(depth())  // declared settings reach commands' parameters
        case 2: metadata["m"] = nested(depth())
        case 3: name = nested(depth())
        case 4: priority = pick(["-1", "101", "9223372036854775807", "1e400", nested(depth())])
        default:
            for key in settings.keys.sorted() where random() % 3 == 0 { settings[key] = nested(depth()) }
            settings["extra"] = nested(depth())
        }
        func object(_ members: [String: String]) -> String {
            "{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
        }
        return object([
            "name": name, "type": "\"\(type)\"", "priority": priority, "submitter_platform": #""linux""#,
            "settings": object(settings), "metadata": object(metadata),
        ])
    }
}
