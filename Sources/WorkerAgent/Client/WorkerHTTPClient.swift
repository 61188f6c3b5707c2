import AsyncHTTPClient
import NIOCore

/// The worker's HTTP client: 10 s connect timeout and no hidden connect retries, so a refused connection fails at
/// once and the worker's own retry and queueing rules apply (worker-agent.md §1.6, Tablao note).
public enum WorkerHTTPClient {
    /// Lives as long as the process; never shut down.
    public static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
