import AsyncHTTPClient
import NIOCore

/// The client's HTTP client: a refused connection fails at once (no hidden connect retries), and connecting
/// gives up after 10 s, so a wrong `--manager` is reported without a long wait.
public enum FarmHTTPClient {
    /// Lives as long as the process; never shut down.
    public static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
