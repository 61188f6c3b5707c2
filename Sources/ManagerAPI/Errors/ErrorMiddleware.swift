import Farm
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SQLite
import Storage

/// Turns every error into a response with Flamenco's `Error` body; the one place that maps errors to statuses.
///
/// Anything a client can send maps to a 4xx. Database busy maps to 503 with `Retry-After: 1`, a database that cannot
/// be written (disk full, I/O error, read-only) to 503 saying so. Unknown errors are
/// logged at error level with the request's logger (Hummingbird alone logs them only at debug) and answer 500.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return ErrorResponse.make(error.status, error.message, headers: error.headers)
        } catch let error as FarmError {
            return ErrorResponse.make(Self.status(of: error), error.message)
        } catch let error as HTTPError {
            return ErrorResponse.make(error.status, error.body ?? Self.text(of: error.status), headers: error.headers)
        } catch let error as SQLiteError where error.isBusy {
            context.logger.warning("Database busy", metadata: ["error": "\(error)"])
            return ErrorResponse.make(.serviceUnavailable, "database busy, retry", headers: [.retryAfter: "1"])
        } catch let error as SQLiteError where DatabaseStorageFault(error) != nil {
            let fault = DatabaseStorageFault(error)!
            context.logger.error(
                "The database cannot be written", metadata: ["error": "\(error)", "http.path": "\(request.uri.path)"])
            return ErrorResponse.make(.serviceUnavailable, fault.message, headers: [.retryAfter: fault.retryAfter])
        } catch {
            context.logger.error("Request failed", metadata: ["error": "\(error)", "http.path": "\(request.uri.path)"])
            return ErrorResponse.make(.internalServerError, "internal error")
        }
    }

    static func status(of error: FarmError) -> HTTPResponse.Status {
        switch error {
        case .notFound: .notFound
        case .invalidInput: .badRequest
        case .conflict: .conflict
        case .invalidTransition: .unprocessableContent
        case .preconditionFailed: .preconditionFailed
        case .accessDenied: .forbidden
        case .tooManyRequests: .tooManyRequests
        case .rangeNotSatisfiable: .rangeNotSatisfiable
        }
    }

    static func text(of status: HTTPResponse.Status) -> String {
        status.reasonPhrase.isEmpty ? "HTTP \(status.code)" : status.reasonPhrase.lowercased()
    }
}

/// Builds `Error`-shaped responses.
enum ErrorResponse {
    static func make(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        var response = JSONResponse.make(ErrorBody(code: status.code, message: message), status: status)
        for field in headers { response.headers.append(field) }
        return response
    }
}
