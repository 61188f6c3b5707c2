import Metrics
import Prometheus

extension ManagerMetrics {
    /// Makes swift-metrics (and so Hummingbird's `MetricsMiddleware`) record into this registry. Once per process,
    /// by the composition root only: tests run many Managers in one process and read each one's own registry.
    public func bootstrapSwiftMetrics() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in (Self.prometheusNames[name] ?? name, labels) }
        MetricsSystem.bootstrap(factory)
    }

    /// Prometheus names (a `_total` counter, a unit on the duration) for Hummingbird's request metrics; the
    /// factory asks once per route, method and status, not per request.
    static let prometheusNames = [
        "hb.requests": "hb_requests_total",
        "hb.request.errors": "hb_request_errors_total",
        "http.server.request.duration": "http_server_request_duration_seconds",
    ]
}
