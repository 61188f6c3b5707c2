import FarmModel
import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import ManagerAPI

/// Content types, truncated bodies, tag conflicts and tag ID case, and answers that cannot be encoded.
@Suite struct RequestHygieneTests {
    @Test func onlyTheApplicationJSONMediaTypeIsReadAsJSON() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let body = Submissions.echo().jsonText()
                for refused in ["application/jsonfoo", "application/json-patch+json", "text/json", "application/jsonp"] {
                    let message = try expectError(
                        try await api.send(.post, API.jobs, json: body, headers: [.contentType: refused]), .badRequest)
                    #expect(message.contains("Content-Type"), "\(refused): \(message)")
                }
                #expect(try farm.rowCount("jobs") == 0)
                for accepted in ["application/json", "Application/JSON; charset=utf-8", " application/json ;charset=UTF-8"] {
                    let reply = try await api.send(.post, API.jobs, json: body, headers: [.contentType: accepted])
                    #expect(reply.status == .ok, "\(accepted): \(reply.status) \(reply.text)")
                }
            }
        }
    }

    @Test func aBodyShorterThanItsContentLengthIsA400NotA413() async throws {
        try await TestFarm.with { farm in
            try await farm.live { _, port in
                let partial = #"{"name": "job", "type": "echo-sleep-test""#
                let request = Array(
                    """
                    POST /api/v3/jobs HTTP/1.1\r
                    Host: localhost\r
                    Content-Type: application/json\r
                    Content-Length: 500\r
                    \r
                    \(partial)
                    """.utf8)
                let answer = try await RawHTTP.exchange(port: port, request: request, halfClose: true)
                #expect(RawHTTP.statusCode(of: answer) == 400, "answer: \(answer.prefix(400))")
                let body = try WireTestSupport.parse(RawHTTP.body(of: answer))
                #expect(body["code"] == .int(400))
                #expect(body["message"].stringValue?.contains("incomplete") == true, "\(body)")
            }
        }
    }

    @Test func aDuplicateTagNameIs409NamingTheTagWithoutDatabaseText() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let id = try await api.createTag("gpu")
                let message = try expectError(try await api.post(API.tags, .object(["name": .string("gpu")])), .conflict)
                #expect(message.contains("\"gpu\""), "\(message)")
                #expect(message.contains(id), "\(message)")
                #expect(!message.contains("UNIQUE") && !message.contains("constraint"), "\(message)")
                let other = try await api.createTag("cpu")
                let rename = try expectError(
                    try await api.send(.put, "/api/v3/worker-mgt/tag/\(other)", json: #"{"name": "gpu"}"#), .conflict)
                #expect(rename.contains("\"gpu\"") && !rename.contains("UNIQUE"), "\(rename)")
            }
        }
    }

    @Test func tagIDsMatchInAnyCaseAndAreStoredInLowerCase() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let chosen = UUID().uuidString.uppercased()
                let created = try expectJSON(
                    try await api.post(API.tags, .object(["name": .string("gpu"), "id": .string(chosen)])), .ok)
                #expect(created["id"] == .string(chosen.lowercased()))
                _ = try expectJSON(try await api.get("/api/v3/worker-mgt/tag/\(chosen.lowercased())"), .ok)
                _ = try expectJSON(try await api.get("/api/v3/worker-mgt/tag/\(chosen)"), .ok)
                // The same ID in the other case is the same tag.
                try expectError(
                    try await api.post(API.tags, .object(["name": .string("gpu2"), "id": .string(chosen.lowercased())])),
                    .conflict)
                let worker = try await api.awakeWorker()
                expectEmpty(try await api.setTags(worker.id, [chosen]), .noContent)
                let tags = try await api.managedWorker(worker.id)["tags"].arrayValue ?? []
                #expect(tags.map { $0["id"] } == [.string(chosen.lowercased())])
                let job = try await api.submitted(Submissions.echo(extra: ["worker_tag": .string(chosen)]))
                #expect(job["worker_tag"] == .string(chosen.lowercased()))
            }
        }
    }

    @Test func anAnswerThatCannotBeEncodedIsA500WithAnErrorBody() throws {
        struct Unencodable: Encodable { let value = Double.nan }
        let answer = JSONResponse.encode(Unencodable(), status: .ok)
        #expect(answer.status == .internalServerError)
        let json = try WireTestSupport.parse(String(decoding: answer.body, as: UTF8.self))
        #expect(json["code"] == .int(500))
        #expect(json["message"].stringValue?.contains("could not be encoded") == true)
        #expect(JSONResponse.make(Unencodable()).status == .internalServerError)
    }
}
