import Logging
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON responses with `Content-Type: application/json` (the Go Worker decodes only bodies labelled JSON).
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        // Our DTOs hold only JSON-representable values, so encoding cannot fail.
        let data = try! WireJSON.sharedEncoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A bodiless answer (204, 202).
    static func empty(_ status: HTTPResponse.Status = .noContent) -> Response {
        Response(status: status)
    }
}
