import Farm
import FarmModel
import Foundation
import HTTPTypes
import Hummingbird
import ManagerAPI
import Storage
import Testing

/// Routing, error shapes and body conventions (protocol.md §1; checklist items 1–5).
@Suite struct ResponseConventionTests {
    @Test(arguments: [
        "/api/v3/nope", "/nope", "/", "/api/v3/worker", "/api/v3/worker/task/\(UUID().uuidString.lowercased())/nothing",
        "/api/v4/worker/register-worker",
    ])
    func unknownPathAnswers404WithErrorBody(_ path: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                try expectError(try await api.send(.get, path), .notFound)
                try expectError(try await api.send(.post, path, json: "{}"), .notFound)
            }
        }
    }

    @Test(arguments: [
        (HTTPRequest.Method.get, "/api/v3/worker/register-worker"), (.delete, "/api/v3/worker/task"),
        (.put, "/api/v3/worker/sign-on"), (.post, "/api/v3/worker/state"),
    ])
    func wrongMethodAnswers404Or405WithErrorBody(_ method: HTTPRequest.Method, _ path: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let reply = try await api.send(method, path)
                #expect([.notFound, .methodNotAllowed].contains(reply.status))
                try expectError(reply, reply.status)
            }
        }
    }

    /// Every answer of a typical worker session: JSON ones labelled and null-free, bodiless ones empty.
    @Test func workerSessionAnswersFollowTheBodyConventions() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                try await farm.seedJob(tasks: [Seed.task("a")])
                let worker = try await api.register()
                var replies: [Reply] = []
                replies.append(try await api.signOn(worker))
                replies.append(try await api.stateChanged(worker, "awake"))
                replies.append(try await api.state(worker))
                let assigned = try await api.requestTask(worker)
                replies.append(assigned)
                let task = try #require(try assigned.json()["uuid"].stringValue)
                replies.append(try await api.update(worker, task, #"{"activity": "Started", "taskStatus": "active"}"#))
                replies.append(try await api.mayIRun(worker, task))
                replies.append(try await api.upload(worker, task, TestImages.png))
                replies.append(try await api.update(worker, task, #"{"taskStatus": "completed"}"#))
                replies.append(try await api.requestTask(worker))
                replies.append(try await api.signOff(worker))
                #expect(replies.map(\.status.code) == [200, 204, 204, 200, 204, 200, 202, 204, 204, 204])
                for reply in replies {
                    if reply.status == .ok {
                        try expectJSON(reply, .ok)
                    } else {
                        expectEmpty(reply, reply.status)
                        #expect(reply.headers[.contentType] == nil || reply.headers[.contentLength] == "0")
                    }
                }
                await farm.pipeline.waitUntilIdle()
            }
        }
    }
}

/// The routes `buildRouter` registers agree with `openapi3.json`.
@Suite struct RouteTableTests {
    /// `method path` of every API route, with parameter names blanked (`{job_id}` → `{}`): the document and the
    /// routes may name a parameter differently (`{typeName}` / `{type_name}`) without serving another path.
    /// Routes outside `/api/v3/` (`/job-files/**`, protocol.md §1.1) are not API operations and not documented.
    private static func routeKeys(_ farm: TestFarm) -> [String] {
        buildRouter(services: farm.services).routes
            .filter { $0.path.description.hasPrefix("/api/v3/") }
            .map { key($0.method.rawValue, $0.path.description) }
    }

    private static func key(_ method: String, _ path: String) -> String {
        "\(method.lowercased()) " + path.replacing(/\{[^}]*\}/, with: "{}")
    }

    @Test func routerRoutesDoNotClash() async throws {
        try await TestFarm.with { farm in
            try buildRouter(services: farm.services).validate()
        }
    }

    @Test func everyRegisteredRouteIsInTheOpenAPIDocument() async throws {
        try await TestFarm.with { farm in
            let documented = Set(try OpenAPIDocument.load().operations.map { Self.key($0.method, $0.path) })
            let registered = Self.routeKeys(farm)
            #expect(registered.count >= 11)
            for route in ["post /api/v3/worker/register-worker", "post /api/v3/worker/task/{}", "get /api/v3/version"] {
                #expect(registered.contains(route))
            }
            for route in registered {
                #expect(documented.contains(route), "\(route) is served but not documented")
            }
        }
    }

    /// Fills a document path with plausible values.
    private static func concretePath(_ template: String) -> String {
        let values = [
            "{task_id}": UUID().uuidString.lowercased(), "{job_id}": UUID().uuidString.lowercased(),
            "{worker_id}": UUID().uuidString.lowercased(), "{tag_id}": UUID().uuidString.lowercased(),
            "{typeName}": "no-such-type", "{audience}": "workers", "{platform}": "linux",
        ]
        return values.reduce(template) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    @Test func everyDocumentedOperationIsServed() async throws {
        try await TestFarm.with { farm in
            let operations = try OpenAPIDocument.load().operations.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
            #expect(operations.count >= 40)
            let unserved = try await farm.router { api in
                let unknown = try await api.send(.get, "/api/v3/surely-not-a-route-\(UUID().uuidString)")
                try expectError(unknown, .notFound)
                var unserved: [String] = []
                for operation in operations {
                    let method = HTTPRequest.Method(rawValue: operation.method.uppercased())!
                    let hasBody = method == .post || method == .put || method == .delete
                    let reply = try await api.send(
                        method, Self.concretePath(operation.path),
                        json: hasBody && !operation.path.hasSuffix("output-produced") ? "{}" : nil)
                    if reply.status == .methodNotAllowed || (reply.status == .notFound && reply.text == unknown.text) {
                        unserved.append("\(operation.method) \(operation.path)")
                    }
                }
                return unserved
            }
            #expect(unserved == [], "documented but not served")
        }
    }
}
