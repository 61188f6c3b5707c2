import Foundation
import NIOCore
import NIOHTTP1

/// Sequential `GET /metrics` scrapes of the Manager under test, as Prometheus would send them.
enum MetricsScrapePhase {
    /// Timed scrapes (one more, untimed, warms the connection and the page cache first).
    static let scrapes = 21

    /// The median scrape in milliseconds, and the size of the last answer in bytes.
    static func run(_ http: BenchHTTP) async throws -> (medianMilliseconds: Double, bytes: Int) {
        try await http.expect([200], .GET, "/metrics")
        var milliseconds: [Double] = []
        var bytes = 0
        for _ in 0..<scrapes {
            let start = ContinuousClock.now
            let answer = try await http.expect([200], .GET, "/metrics")
            milliseconds.append((ContinuousClock.now - start).seconds * 1000)
            bytes = answer.body.readableBytes
        }
        return (milliseconds.median, bytes)
    }
}
