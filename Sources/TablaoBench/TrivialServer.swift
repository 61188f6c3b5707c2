import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// The HTTP ceiling: a Hummingbird application configured like `tablao serve` with one trivial GET (a small JSON)
/// and one trivial POST (reads the body, answers 204), in this process, driven by the same load generator.
enum TrivialServer {
    /// Requests per second of the trivial GET and POST with one keep-alive connection per worker.
    static func measure(workers: Int, warmUp: Duration, duration: Duration) async throws
        -> (get: LoadGenerator.Result, post: LoadGenerator.Result)
    {
        let router = Router()
        router.get("/trivial") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"name":"tablao","version":"3.6"}"#)))
        }
        router.post("/trivial") { request, _ -> HTTPResponse.Status in
            _ = try await request.body.collect(upTo: 1 << 20)
            return .noContent
        }
        let port = try await FreePort.loopback()
        var logger = Logger(label: "tablao-bench.trivial")
        logger.logLevel = .critical
        let (ready, readyContinuation) = AsyncStream<Void>.makeStream()
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: "Tablao"),
            onServerRunning: { _ in readyContinuation.yield() },
            logger: logger)
        let server = Task { try await application.runService(gracefulShutdownSignals: []) }
        for await _ in ready { break }
        let http = BenchHTTP(client: BenchHTTP.makeClient(connections: workers), baseURL: "http://127.0.0.1:\(port)")
        let body = BenchHTTP.json(["taskStatus": "active", "activity": "Rendering frame 1", "steps_completed": 1])
        let get = await LoadGenerator.run(states: Array(0..<workers), warmUp: warmUp, measure: duration) { _ in
            let start = ContinuousClock.now
            try await http.expect([200], .GET, "/trivial")
            return LoadGenerator.milliseconds(since: start)
        }
        let post = await LoadGenerator.run(states: Array(0..<workers), warmUp: warmUp, measure: duration) { _ in
            let start = ContinuousClock.now
            try await http.expect([204], .POST, "/trivial", body: body)
            return LoadGenerator.milliseconds(since: start)
        }
        try? await http.client.shutdown()
        server.cancel()
        _ = try? await server.value
        return (get, post)
    }
}
