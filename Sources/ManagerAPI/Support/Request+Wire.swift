import Logging
import FarmModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The usual request body limit; uploads of rendered images have their own.
let defaultBodyLimit = 2 << 20

/// Most levels of arrays and objects a JSON request body may nest: a submission's envelope and a job setting at its
/// own limit need 34; `JSONDecoder` would take 512, at a cost quadratic in the depth.
let maximumBodyNesting = 64

extension Request {
    /// Collects and decodes a JSON body into `T`, then runs its `validate()`; any failure is a 400.
    mutating func decodeWire<T: WireRequest>(_ type: T.Type) async throws -> T {
        let contentType = headers[.contentType] ?? ""
        guard Self.isJSON(contentType) else {
            throw APIError(.badRequest, "expected Content-Type application/json, got \"\(contentType)\"")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await collectBody(upTo: defaultBodyLimit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "request body larger than \(defaultBodyLimit) bytes")
        } catch {
            throw APIError(
                .badRequest,
                "request body incomplete: the connection ended before the body announced by Content-Length arrived; "
                    + "send the whole body")
        }
        guard buffer.readableBytes > 0 else { throw APIError(.badRequest, "request body is required") }
        do throws(JSONNestingScan.TooDeep) {
            try JSONNestingScan.check(buffer.readableBytesView, limit: maximumBodyNesting)
        } catch {
            throw APIError(
                .badRequest,
                "\(error.field) nests arrays and objects more than \(error.limit) levels deep in the request body; "
                    + "a job setting may nest at most \(JobStorageLimits.maximumNestingDepth) levels. Flatten the value.")
        }
        let value: T
        do {
            value = try WireJSON.sharedDecoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError(.badRequest, "invalid \(T.self): \(DecodingErrorText.describe(error))")
        } catch {
            throw APIError(.badRequest, "invalid JSON body")
        }
        do {
            try value.validate()
        } catch {
            throw APIError(.badRequest, error.message)
        }
        return value
    }

    /// Whether a `Content-Type` names JSON: the media type `application/json` in any case, parameters such as
    /// `charset=utf-8` allowed; `application/jsonfoo` is not JSON.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }
}

extension Parameters {
    /// A path ID that must be a UUID (36 characters), else 400 (protocol.md §1.1).
    func id<ID: FarmIdentifier>(_ name: String, as type: ID.Type) throws -> ID {
        let text = self.get(name) ?? ""
        guard let id = ID(validating: text) else { throw APIError(.badRequest, "\(name) must be a UUID, got \"\(text)\"") }
        return id
    }
}

/// Short, client-facing descriptions of decoding failures.
enum DecodingErrorText {
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): "missing field \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context): "wrong type at \(path(context.codingPath)): \(context.debugDescription)"
        case .valueNotFound(_, let context): "null or missing value at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            context.codingPath.isEmpty ? "malformed JSON" : "invalid value at \(path(context.codingPath))"
        @unknown default: "invalid body"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the body" : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
