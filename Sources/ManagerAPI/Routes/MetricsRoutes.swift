import Farm
import Hummingbird
import NIOCore
import Storage

/// `GET /metrics`: the Manager's metrics in the Prometheus text exposition format (version 0.0.4). Farm counts are
/// read at scrape time on the read-only connection; a database that cannot be read answers 503 with an `Error` body.
struct MetricsRoutes {
    let services: ManagerServices

    /// The exposition format's media type.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    func addRoutes(to router: Router<ManagerRequestContext>) {
        router.get("/metrics", use: metrics)
    }

    @Sendable func metrics(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let farm = services.context
        let text: [UInt8]
        do {
            text = try await services.metrics.scrape(farm.database, storageFaults: services.context.logs.faults.snapshot)
        } catch {
            throw APIError(
                .serviceUnavailable,
                "the farm's counts could not be read from \(farm.database.path) (\(error)); see the Manager's log")
        }
        return Response(
            status: .ok, headers: [.contentType: Self.contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
    }
}
