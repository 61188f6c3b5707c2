import Logging
import HTTPTypes
import Hummingbird

/// An HTTP error answered with Flamenco's `Error` body `{"code": …, "message": …}`.
struct APIError: Error {
    let status: HTTPResponse.Status
    let message: String
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }
}
