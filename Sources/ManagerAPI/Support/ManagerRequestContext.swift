import Farm
import Hummingbird
import Logging
import NIOCore

/// Per-request state: Hummingbird's core context, the client address, and the worker authenticated for it.
public struct ManagerRequestContext: RequestContext {
    /// Hummingbird's storage.
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address as a string (`""` when unknown).
    public var clientAddress: String
    /// The worker whose Basic-auth credentials were verified, on worker endpoints.
    public var worker: AuthenticatedWorker?

    /// Creates a context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? ""
        self.worker = nil
    }

    /// The authenticated worker; only called behind `WorkerAuthMiddleware`.
    func requireWorker() throws -> AuthenticatedWorker {
        guard let worker else { throw APIError(.forbidden, "authentication required") }
        return worker
    }
}
