import FarmModel
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// JSON responses with `Content-Type: application/json` (the Go Worker decodes only bodies labelled JSON).
enum JSONResponse {
    /// Where encoding failures are reported (the request's logger is not at hand here).
    static let logger = Logger(label: "tablao.api.response")

    /// `value` as JSON; if it cannot be encoded (say, a stored value nested too deeply for `JSONEncoder`), a 500
    /// with an `Error` body and an error log line instead, never a trap.
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoded = encode(value, status: status)
        return Response(
            status: encoded.status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: encoded.body)))
    }

    /// The status and JSON body answered for `value`: as given, or 500 with an `Error` body (logged) when `value`
    /// does not encode.
    static func encode<T: Encodable>(_ value: T, status: HTTPResponse.Status) -> (status: HTTPResponse.Status, body: Data) {
        do {
            return (status, try WireJSON.sharedEncoder.encode(value))
        } catch {
            logger.error(
                "Response could not be encoded as JSON; answering 500",
                metadata: ["response.type": "\(T.self)", "error": "\(error)"])
            return (.internalServerError, encodingFailureBody(of: T.self))
        }
    }

    /// A bodiless answer (204, 202).
    static func empty(_ status: HTTPResponse.Status = .noContent) -> Response {
        Response(status: status)
    }

    /// The `Error` body of the 500 answered when a response does not encode; written without an encoder so it
    /// cannot fail itself.
    static func encodingFailureBody<T>(of type: T.Type) -> Data {
        let message = JSONValue.string(
            "internal error: the \(type) answer could not be encoded as JSON; the Manager's log has the details")
        return Data((#"{"code":500,"message":"# + message.jsonText() + "}").utf8)
    }
}
