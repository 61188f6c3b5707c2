import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// Hummingbird's HTTP/1 channel with its idle time-out, plus ``ConnectionGuard``'s request-read deadline and bound
/// on open connections.
struct GuardedHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value

    let responder: HTTPChannelHandler.Responder
    let settings: ConnectionSettings
    let counter: ConnectionCounter

    /// An `HTTPServerBuilder` for `Application(server:)`.
    static func builder(_ settings: ConnectionSettings) -> HTTPServerBuilder {
        let counter = ConnectionCounter()
        return HTTPServerBuilder { responder in
            GuardedHTTP1Channel(responder: responder, settings: settings, counter: counter)
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let settings = self.settings
        let counter = self.counter
        let responder = self.responder
        return channel.eventLoop.makeCompletedFuture { () -> UncheckedSendable<ConnectionGuard.PartSide> in
            let (bytes, parts) = ConnectionGuard.handlers(settings: settings, counter: counter, logger: logger)
            try channel.pipeline.syncOperations.addHandler(bytes, position: .first)
            return UncheckedSendable(value: parts)
        }.flatMap { parts in
            let timeout = TimeAmount.nanoseconds(Int64(settings.idleTimeout.timeInterval * 1e9))
            let configuration = HTTP1Channel.Configuration(additionalChannelHandlers: [parts.value], idleTimeout: timeout)
            return HTTP1Channel(responder: responder, configuration: configuration).setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: value, logger: logger)
    }
}

/// A value used only on its channel's event loop, carried through a `@Sendable` closure.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}

extension Duration {
    /// The duration in seconds.
    var timeInterval: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
