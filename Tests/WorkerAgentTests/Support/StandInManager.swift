import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A fault-injecting stand-in for the Manager's worker API (protocol.md §3): a real HTTP server on a local port whose
/// answers are scripted per endpoint (queued replies first, then a fallback), which records every request with its
/// arrival time, and which can be stopped and started again on the same port (connections refused meanwhile).
final class StandInManager: Sendable {
    /// A private folder for the test (worker homes, marker files); removed by ``with(pathPrefix:_:)``.
    let folder: URL
    /// Path under which the API is served, e.g. `/flamenco` (empty: at the root).
    let pathPrefix: String
    private let state = Mutex(State())

    private struct State {
        var queued: [StandInEndpoint: [StandInReply]] = [:]
        var fallback: [StandInEndpoint: @Sendable (StandInRequest) -> StandInReply] = [:]
        var recorded: [StandInRequest] = []
        var port: Int?
        var server: Task<Void, Never>?
    }

    private static let logger: Logger = {
        var logger = Logger(label: "tablao.worker-tests.stand-in")
        logger.logLevel = .critical
        return logger
    }()

    private init(pathPrefix: String) {
        folder = FileManager.default.temporaryDirectory.appending(path: "tablao-stand-in-\(UUID().uuidString)")
        self.pathPrefix = pathPrefix
    }

    /// Runs `body` with a started stand-in, then stops it and removes its folder.
    static func with<T: Sendable>(
        pathPrefix: String = "", _ body: @Sendable (StandInManager) async throws -> T
    ) async throws -> T {
        let manager = StandInManager(pathPrefix: pathPrefix)
        try FileManager.default.createDirectory(at: manager.folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: manager.folder) }
        try await manager.start()
        let outcome: Result<T, any Error>
        do { outcome = .success(try await body(manager)) } catch { outcome = .failure(error) }
        await manager.stop()
        return try outcome.get()
    }

    // MARK: Running

    /// The local port (fixed after the first start).
    var port: Int { state.withLock { $0.port ?? 0 } }

    /// `http://127.0.0.1:<port><prefix>/`.
    var baseURL: String { "http://127.0.0.1:\(port)\(pathPrefix)/" }

    /// A folder for one worker's private files.
    func home(_ name: String = "worker") -> String { folder.appending(path: name).path }

    /// Starts serving: on a free port the first time, on the same port afterwards.
    func start() async throws {
        let requested = state.withLock { $0.port } ?? 0
        var lastError: (any Error)?
        for _ in 0..<50 {
            do {
                try await bind(port: requested)
                return
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw lastError ?? TestFailure("stand-in Manager could not start")
    }

    private func bind(port requested: Int) async throws {
        let (ready, announce) = AsyncStream.makeStream(of: Int.self)
        let failure = Mutex<(any Error)?>(nil)
        let application = Application(
            responder: StandInResponder(manager: self),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: requested)),
            onServerRunning: { channel in
                announce.yield(channel.localAddress?.port ?? 0)
                announce.finish()
            },
            logger: Self.logger)
        let server = Task {
            do { try await application.run() } catch { failure.withLock { $0 = error } }
            announce.finish()
        }
        var bound: Int?
        for await port in ready { bound = port }
        guard let bound, bound > 0 else {
            server.cancel()
            throw failure.withLock { $0 } ?? TestFailure("stand-in Manager did not bind port \(requested)")
        }
        state.withLock {
            $0.port = bound
            $0.server = server
        }
    }

    /// Stops serving: the listening socket and all connections are closed, so the worker's requests are refused.
    func stop() async {
        guard let server = state.withLock({ state in defer { state.server = nil }; return state.server }) else { return }
        server.cancel()
        await server.value
    }

    // MARK: Scripting

    /// Queues `replies` for `endpoint`; they are used in order before the fallback.
    func queue(_ endpoint: StandInEndpoint, _ replies: StandInReply...) {
        state.withLock { $0.queued[endpoint, default: []].append(contentsOf: replies) }
    }

    /// Sets how `endpoint` is answered once its queue is empty.
    func fallback(_ endpoint: StandInEndpoint, _ respond: @escaping @Sendable (StandInRequest) -> StandInReply) {
        state.withLock { $0.fallback[endpoint] = respond }
    }

    /// The reply for `request`, recorded together with it.
    func reply(to request: StandInRequest) -> StandInReply {
        state.withLock { state in
            let reply: StandInReply
            if var queued = state.queued[request.endpoint], !queued.isEmpty {
                reply = queued.removeFirst()
                state.queued[request.endpoint] = queued
            } else if let respond = state.fallback[request.endpoint] {
                reply = respond(request)
            } else {
                reply = Self.standardReply(to: request)
            }
            var answered = request
            answered.answered = reply.resetsConnection ? nil : reply.status
            state.recorded.append(answered)
            return reply
        }
    }

    /// What a healthy, idle Manager answers.
    static func standardReply(to request: StandInRequest) -> StandInReply {
        switch request.endpoint {
        case .registerWorker:
            return .json(
                200,
                [
                    "uuid": UUID().uuidString.lowercased(), "name": request.string("name") ?? "", "address": "127.0.0.1",
                    "status": "offline", "platform": request.string("platform") ?? "", "software": "",
                    "supported_task_types": request.json["supported_task_types"] ?? [],
                ])
        case .signOn: return .stateRequest("awake")
        case .signOff, .stateChanged, .taskUpdate, .state, .fetchTask: return .noContent
        case .mayIRun: return .mayKeepRunning(true)
        case .outputProduced: return .accepted
        case .unknown: return .error(404, "no such endpoint")
        }
    }

    // MARK: Inspecting

    /// Every request so far, in arrival order.
    var requests: [StandInRequest] { state.withLock { $0.recorded } }

    /// The requests to `endpoint` so far.
    func requests(_ endpoint: StandInEndpoint) -> [StandInRequest] { requests.filter { $0.endpoint == endpoint } }

    /// Waits until `count` requests matched `predicate` (at most `seconds` × ``testPatience``); returns the matching ones.
    @discardableResult
    func waitFor(
        _ count: Int = 1, within seconds: Double = 15, where predicate: (StandInRequest) -> Bool
    ) async -> [StandInRequest] {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * testPatience * 1000))
        while true {
            let matching = requests.filter(predicate)
            if matching.count >= count || ContinuousClock.now >= deadline { return matching }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until `count` requests reached `endpoint` (at most `seconds` × ``testPatience``); returns them.
    @discardableResult
    func waitFor(_ endpoint: StandInEndpoint, count: Int = 1, within seconds: Double = 15) async -> [StandInRequest] {
        await waitFor(count, within: seconds) { $0.endpoint == endpoint }
    }
}

/// Request context of the stand-in: keeps the connection so a reply can reset it.
struct StandInContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Records each request and answers as scripted.
struct StandInResponder: HTTPResponder {
    let manager: StandInManager

    func respond(to request: Request, context: StandInContext) async throws -> Response {
        let arrival = ContinuousClock.now
        var path = request.uri.path
        if !manager.pathPrefix.isEmpty {
            path = path.hasPrefix(manager.pathPrefix + "/") ? String(path.dropFirst(manager.pathPrefix.count)) : "/"
        }
        let method = request.method.rawValue
        let (endpoint, taskID) = StandInEndpoint.classify(method: method, path: path)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        let body = try await request.body.collect(upTo: 64 << 20)
        let recorded = StandInRequest(
            at: arrival, method: method, path: request.uri.path, endpoint: endpoint, taskID: taskID, headers: headers,
            body: Data(body.readableBytesView))
        let reply = manager.reply(to: recorded)
        if reply.delay > .zero { try await Task.sleep(for: reply.delay) }
        if reply.resetsConnection {
            try? await context.channel.close().get()
            throw CancellationError()
        }
        var fields = HTTPFields()
        if let contentType = reply.contentType { fields[.contentType] = contentType }
        return Response(
            status: .init(code: reply.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}
