import Farm
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// HTTP Basic authentication of workers (protocol.md §2): 403 with an `Error` body on any failure, never 401.
///
/// Runs before body validation, as Flamenco's validator does; adds `worker.id` to the request's logger. Credentials
/// come from the authenticator's cache, so when the handler fails before its use case checked the worker (a refused
/// body), the worker is looked up again: one deleted meanwhile gets 403, not the handler's 4xx.
struct WorkerAuthMiddleware: RouterMiddleware {
    typealias Context = ManagerRequestContext
    let authenticator: WorkerAuthenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let (user, password) = Self.basicCredentials(request.headers[.authorization]) else {
            throw APIError(.forbidden, "worker authentication required")
        }
        guard let worker = try await authenticator.authenticate(workerID: user, secret: password) else {
            throw APIError(.forbidden, "unknown worker or wrong secret")
        }
        var context = context
        context.worker = worker
        context.logger[metadataKey: "worker.id"] = "\(worker.id)"
        do {
            return try await next(request, context)
        } catch let error as APIError where error.status == .forbidden {
            throw error
        } catch {
            guard try await authenticator.isLive(worker) else { throw APIError(.forbidden, "unknown worker or wrong secret") }
            throw error
        }
    }

    /// Parses `Basic base64(user:password)`; nil for anything else.
    static func basicCredentials(_ header: String?) -> (String, String)? {
        guard let header, header.count < 4096 else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
