import NIOCore
import NIOPosix

/// A loopback TCP port nobody listens on right now (another process may still take it before the Manager does).
func freeLoopbackPort() async throws -> Int {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress?.port
    try await channel.close()
    guard let port else { throw EndToEndFailure("no free loopback port") }
    return port
}
