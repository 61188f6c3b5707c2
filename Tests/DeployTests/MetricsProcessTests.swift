import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The real `tablao serve` wires swift-metrics to the registry `/metrics` emits, so Hummingbird's request metrics
/// appear beside Tablao's own (in-process tests never bootstrap swift-metrics: they run many Managers at once).
@Suite struct MetricsProcessTests {
    @Test func metricsCarryHummingbirdRequestCountsAndTablaosGauges() async throws {
        let binary = try #require(
            TablaoBinary.locate(), "no tablao executable next to the test bundle; run swift build --product tablao first")
        let folder = try temporaryFolder("metrics")
        defer { try? FileManager.default.removeItem(at: folder) }
        let manager = try await RunningManager.start(
            binary: binary, database: folder.appending(path: "tablao.sqlite"), storage: folder.appending(path: "storage"),
            log: folder.appending(path: "serve.log"), client: HTTPClient.shared)
        let api = ManagerHTTP(client: HTTPClient.shared, baseURL: manager.baseURL)
        let versionsBefore = try await scrapedValue(api, Self.versionRequests) ?? 0
        for _ in 0..<3 { #expect(try await api.send(.GET, "/api/v3/version").status == 200) }

        let text = try await api.send(.GET, "/metrics").text
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(lines.contains("# TYPE hb_requests_total counter"))
        #expect(lines.contains("# TYPE http_server_request_duration_seconds histogram"))
        #expect(lines.contains("# TYPE tablao_tasks gauge"))
        #expect(lines.contains(#"tablao_tasks{status="queued"} 0.0"#))
        #expect(lines.contains("tablao_task_assignments_total 0"))
        // Hummingbird counts a request after its answer is written, so the last one may land a moment later.
        var counted = try await scrapedValue(api, Self.versionRequests) ?? 0
        for _ in 0..<50 where counted < versionsBefore + 3 {
            try await Task.sleep(for: .milliseconds(20))
            counted = try await scrapedValue(api, Self.versionRequests) ?? 0
        }
        #expect(counted >= versionsBefore + 3)
        #expect(await manager.stop() == 0, "\(manager.logTail)")
    }

    static let versionRequests =
        #"hb_requests_total{http_route="/api/v3/version",http_request_method="GET",http_response_status_code="200"}"#

    /// The value of the series `series` (name and labels as printed) in a fresh scrape, nil when absent.
    private func scrapedValue(_ api: ManagerHTTP, _ series: String) async throws -> Double? {
        let answer = try await api.send(.GET, "/metrics")
        try #require(answer.status == 200)
        for line in answer.text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }
}
