/// How the HTTP server treats connections: idle and request-read time-outs and a bound on open connections.
public struct ConnectionSettings: Sendable, Equatable {
    /// A keep-alive connection with no request in progress is closed after this long (Hummingbird's idle time-out;
    /// it also closes a connection whose request sends nothing for this long).
    public var idleTimeout: Duration
    /// From its first byte, a request's head and body must have arrived within this long, or the connection is
    /// closed (a 408 is answered when the head had not arrived yet).
    public var requestReadTimeout: Duration
    /// Connections open at once; one more is answered 503 with an `Error` body and closed.
    public var maximumConnections: Int

    /// Settings; the defaults are the configuration's.
    public init(
        idleTimeout: Duration = .seconds(60), requestReadTimeout: Duration = .seconds(60), maximumConnections: Int = 1000
    ) {
        self.idleTimeout = idleTimeout
        self.requestReadTimeout = requestReadTimeout
        self.maximumConnections = maximumConnections
    }
}
