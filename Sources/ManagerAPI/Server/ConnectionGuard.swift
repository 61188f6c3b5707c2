import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOHTTPTypes

/// One connection's guard: counts it against the bound (answering 503 and closing beyond it) and gives each request
/// a deadline from its first byte to its last (answering 408 if the head is still incomplete, else closing).
///
/// Two handlers share it, both on the channel's event loop: ``bytes`` first in the pipeline sees a request start,
/// ``parts`` after the HTTP decoder sees its head and end and the end of each response.
final class ConnectionGuard {
    let settings: ConnectionSettings
    let counter: ConnectionCounter
    let logger: Logger
    /// Whether this connection is one too many: it is answered 503 and closed.
    private(set) var isTurnedAway = false
    private var isCounted = false
    /// Reading a request: from its first byte until its end part.
    private var isReadingRequest = false
    /// The current request's head was decoded.
    private var hasHead = false
    /// Requests whose response has not ended yet.
    private var responsesOwed = 0
    private var deadline: Scheduled<Void>?

    init(settings: ConnectionSettings, counter: ConnectionCounter, logger: Logger) {
        self.settings = settings
        self.counter = counter
        self.logger = logger
    }

    /// The handler after the HTTP decoder, which writes this guard's own answers; the pipeline owns it.
    weak var parts: PartSide?

    /// The guard's two handlers, which own it: the first for the pipeline's head, the second after the decoder.
    static func handlers(settings: ConnectionSettings, counter: ConnectionCounter, logger: Logger) -> (ByteSide, PartSide) {
        let connection = ConnectionGuard(settings: settings, counter: counter, logger: logger)
        let parts = PartSide(connection: connection)
        connection.parts = parts
        return (ByteSide(connection: connection), parts)
    }

    func connectionStarted(_ context: ChannelHandlerContext) {
        guard !isCounted else { return }
        isCounted = true
        let open = counter.opened()
        if open > settings.maximumConnections {
            isTurnedAway = true
            let count = counter.turnedAway()
            if count == 1 || count % 100 == 0 {
                let message =
                    "Turned a connection away: too many are open. Raise max_connections (and the descriptor limit) "
                    + "if real clients hit it."
                logger.warning(
                    "\(message)",
                    metadata: [
                        "connections.max": "\(settings.maximumConnections)", "connections.turned_away": "\(count)",
                        "peer": "\(context.channel.remoteAddress?.description ?? "?")",
                    ])
            }
        }
    }

    func connectionEnded() {
        deadline?.cancel()
        deadline = nil
        if isCounted {
            isCounted = false
            counter.closed()
        }
    }

    /// Raw bytes arrived: a request starts here unless one is already being read.
    func bytesArrived(_ context: ChannelHandlerContext) {
        guard !isReadingRequest, responsesOwed == 0, !isTurnedAway else { return }
        startRequest(context)
    }

    func headArrived(_ context: ChannelHandlerContext) {
        if !isReadingRequest { startRequest(context) }
        hasHead = true
        responsesOwed += 1
    }

    func endArrived() {
        deadline?.cancel()
        deadline = nil
        isReadingRequest = false
        hasHead = false
    }

    func responseEnded() {
        responsesOwed = max(0, responsesOwed - 1)
    }

    private func startRequest(_ context: ChannelHandlerContext) {
        isReadingRequest = true
        hasHead = false
        deadline?.cancel()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(
            in: .nanoseconds(Int64(settings.requestReadTimeout.timeInterval * 1e9))
        ) {
            let (connection, context) = loopBound.value
            connection.requestTimedOut(context)
        }
    }

    private func requestTimedOut(_ context: ChannelHandlerContext) {
        deadline = nil
        guard isReadingRequest else { return }
        logger.notice(
            "Closed a connection whose request did not arrive in time (request_read_timeout)",
            metadata: [
                "timeout": "\(settings.requestReadTimeout)", "head_received": "\(hasHead)",
                "peer": "\(context.channel.remoteAddress?.description ?? "?")",
            ])
        guard !hasHead, let parts else {
            context.close(promise: nil)
            return
        }
        parts.answerAndClose(
            .requestTimeout,
            "the request did not arrive within \(settings.requestReadTimeout) (setting request_read_timeout); "
                + "send it faster or raise the setting")
    }

    /// First in the pipeline: sees the connection open and close and every read of bytes.
    final class ByteSide: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        let connection: ConnectionGuard

        init(connection: ConnectionGuard) { self.connection = connection }

        func handlerAdded(context: ChannelHandlerContext) {
            if context.channel.isActive { connection.connectionStarted(context) }
        }

        func channelActive(context: ChannelHandlerContext) {
            connection.connectionStarted(context)
            context.fireChannelActive()
        }

        func channelInactive(context: ChannelHandlerContext) {
            connection.connectionEnded()
            context.fireChannelInactive()
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            connection.connectionEnded()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if unwrapInboundIn(data).readableBytes > 0 { connection.bytesArrived(context) }
            context.fireChannelRead(data)
        }
    }

    /// After the HTTP decoder: sees request heads and ends, response ends; answers a turned-away connection.
    final class PartSide: ChannelDuplexHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart
        typealias InboundOut = HTTPRequestPart
        typealias OutboundIn = HTTPResponsePart
        typealias OutboundOut = HTTPResponsePart
        let connection: ConnectionGuard
        private var context: ChannelHandlerContext?
        private var hasAnswered = false

        init(connection: ConnectionGuard) { self.connection = connection }

        func handlerAdded(context: ChannelHandlerContext) { self.context = context }
        func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let part = unwrapInboundIn(data)
            if connection.isTurnedAway {
                // The application never sees this connection's requests.
                if case .head = part {
                    answerAndClose(
                        .serviceUnavailable,
                        "the Manager has \(connection.settings.maximumConnections) connections open, its limit "
                            + "(setting max_connections); retry shortly")
                }
                return
            }
            switch part {
            case .head: connection.headArrived(context)
            case .body: break
            case .end: connection.endArrived()
            }
            context.fireChannelRead(data)
        }

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            if case .end = unwrapOutboundIn(data) { connection.responseEnded() }
            context.write(data, promise: promise)
        }

        /// Writes one `Error` response with `Connection: close`, then closes the connection.
        func answerAndClose(_ status: HTTPResponse.Status, _ message: String) {
            guard let context, !hasAnswered else { return }
            hasAnswered = true
            var body = ByteBuffer()
            let json = (try? WireJSON.sharedEncoder.encode(ErrorBody(code: status.code, message: message))) ?? Data("{}".utf8)
            body.writeBytes(json)
            let head = HTTPResponse(
                status: status,
                headerFields: [
                    .contentType: "application/json", .contentLength: "\(body.readableBytes)", .connection: "close",
                    .retryAfter: "1",
                ])
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(body)), promise: nil)
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                loopBound.value.close(promise: nil)
            }
        }
    }
}
