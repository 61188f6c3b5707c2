import FarmModel
import Foundation
import HTTPTypes
import SQLite
import Testing

@testable import Storage

@Suite("Fuzzing every endpoint with malformed requests")
struct FuzzTests {
    /// Requests sent per run; each is checked for a non-5xx answer and, when rejected, an unchanged database.
    static let requestCount = 3_000

    @Test func malformedRequestsNeverGet5xxAndRejectedOnesChangeNothing() async throws {
        let seed = UInt64.random(in: 0 ... .max)
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                let job = try await farm.seedJob(tasks: Seed.tasks(3))
                _ = try await api.takeTask(worker)
                var corpus = FuzzCorpus(random: SplitMix64(state: seed))
                var statusClasses: [String: Int] = [:]
                var perEndpoint: [String: Int] = [:]
                for index in 0..<Self.requestCount {
                    let endpoint = FuzzCorpus.endpoints[index % FuzzCorpus.endpoints.count]
                    let path = endpoint.path
                        .replacingOccurrences(of: "{task}", with: index % 7 == 0 ? job.task(0).id.rawValue : corpus.pathID())
                        .replacingOccurrences(of: "{job}", with: corpus.pathID())
                        .replacingOccurrences(of: "{worker}", with: corpus.pathID())
                        .replacingOccurrences(of: "{tag}", with: corpus.pathID())
                        .replacingOccurrences(of: "{name}", with: corpus.pathID())
                        .replacingOccurrences(of: "{file}", with: corpus.traversal())
                    var headers: HTTPFields = [:]
                    // Worker endpoints get broken credentials most of the time, valid ones (with a bad body) otherwise.
                    let validAuth = endpoint.isWorker && index % 3 == 0
                    if validAuth {
                        headers[.authorization] = worker.authorization
                    } else if let auth = corpus.authorization(validID: worker.id) {
                        headers[.authorization] = auth
                    }
                    var bytes: [UInt8]?
                    if endpoint.takesBody || index % 5 == 0 {
                        let body = corpus.badBody()
                        bytes = body.bytes
                        if let type = body.contentType { headers[.contentType] = type }
                    }
                    let before = try await Self.fingerprint(farm.database)
                    let reply = try await api.sendBytes(endpoint.method, path, as: nil, bytes: bytes, headers: headers)
                    let after = try await Self.fingerprint(farm.database)
                    let code = reply.status.code
                    statusClasses["\(code / 100)xx", default: 0] += 1
                    perEndpoint[endpoint.name, default: 0] += 1
                    #expect(code < 500, "seed \(seed): \(endpoint.name) as \(path) answered \(code): \(reply.text)")
                    if code >= 400 {
                        #expect(before == after, "seed \(seed): rejected \(endpoint.name) (\(code)) changed the database")
                    }
                    if endpoint.isWorker && !validAuth {
                        // 403 from authentication, or 404 when the mangled path matches no route at all.
                        #expect(
                            code == 403 || code == 404,
                            "seed \(seed): \(endpoint.name) as \(path) without valid credentials answered \(code)")
                    }
                    if path.hasPrefix("/job-files/") {
                        #expect(code == 404, "seed \(seed): \(path) answered \(code)")
                    }
                }
                // The Manager still works after the barrage (the worker may have been signed off by a valid call).
                let version = try await api.send(.get, "/api/v3/version")
                #expect(version.status == .ok)
                let state = try await api.state(worker)
                #expect(state.status == .ok || state.status == .noContent)
                print("fuzz seed \(seed): \(Self.requestCount) requests; by class \(statusClasses.sorted { $0.key < $1.key })")
                print("fuzz requests by endpoint: \(perEndpoint.sorted { $0.key < $1.key })")
            }
        }
    }

    /// Nested submissions and bodies sent per run.
    static let nestedRequestCount = 600

    @Test func nestedValuesInEveryStoredFieldNeverGet5xxAndStoredJobsStayReadable() async throws {
        let seed = UInt64.random(in: 0 ... .max)
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                let job = try await farm.seedJob(tasks: Seed.tasks(3))
                var corpus = FuzzCorpus(random: SplitMix64(state: seed))
                var accepted: [String] = []
                let bodyEndpoints = FuzzCorpus.endpoints.filter(\.takesBody)
                for index in 0..<Self.nestedRequestCount {
                    let reply: Reply
                    let what: String
                    if index % 2 == 0 {
                        let path = index % 6 == 0 ? "/api/v3/jobs/check" : "/api/v3/jobs"
                        let body = corpus.nestedJobBody()
                        what = "POST \(path) \(String(decoding: body.prefix(160), as: UTF8.self))"
                        reply = try await api.sendBytes(
                            .post, path, as: nil, bytes: body, headers: [.contentType: "application/json"])
                        if reply.status == .ok, let id = try? reply.json()["id"].stringValue { accepted.append(id) }
                    } else {
                        let endpoint = bodyEndpoints[index % bodyEndpoints.count]
                        let path = endpoint.path.replacingOccurrences(of: "{task}", with: job.task(0).id.rawValue)
                            .replacingOccurrences(of: "{job}", with: job.id.rawValue)
                            .replacingOccurrences(of: "{worker}", with: worker.id)
                            .replacingOccurrences(of: "{tag}", with: UUID().uuidString.lowercased())
                        var headers: HTTPFields = [.contentType: "application/json"]
                        if endpoint.isWorker { headers[.authorization] = worker.authorization }
                        let body = corpus.nestedBody()
                        what = "\(endpoint.name) \(String(decoding: body.prefix(160), as: UTF8.self))"
                        reply = try await api.sendBytes(endpoint.method, path, as: nil, bytes: body, headers: headers)
                    }
                    #expect(reply.status.code < 500, "seed \(seed): \(what) answered \(reply.status.code): \(reply.text)")
                }
                for id in accepted {
                    for path in ["/api/v3/jobs/\(id)", "/api/v3/jobs/\(id)/tasks"] {
                        let reply = try await api.send(.get, path)
                        #expect(reply.status == .ok, "seed \(seed): GET \(path) answered \(reply.status): \(reply.text)")
                    }
                }
                let list = try await api.send(.get, "/api/v3/jobs")
                #expect(list.status == .ok, "seed \(seed): GET /api/v3/jobs answered \(list.status)")
                print("nested fuzz seed \(seed): \(Self.nestedRequestCount) requests, \(accepted.count) jobs accepted")
            }
        }
    }

    /// Every row of every table, in order: equal fingerprints mean an unchanged database.
    static func fingerprint(_ database: FarmDatabase) async throws -> [String] {
        try await database.read { tx in
            let tables = try tx.connection.fetchAll(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ) { try $0.get(0, as: String.self) }
            var rows: [String] = []
            for table in tables {
                let columns = try tx.connection.fetchAll("SELECT name FROM pragma_table_info(?)", .text(table)) {
                    try $0.get(0, as: String.self)
                }
                let select = "SELECT " + columns.map { "quote(\($0))" }.joined(separator: " || '|' || ") + " FROM \(table)"
                rows += try tx.connection.fetchAll(select + " ORDER BY 1") { "\(table): " + (try $0.get(0, as: String.self)) }
            }
            return rows
        }
    }
}
