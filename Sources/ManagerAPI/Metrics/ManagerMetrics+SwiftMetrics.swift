import Metrics
import Prometheus

extension ManagerMetrics {
    /// Makes swift-metrics (and so Hummingbird's `MetricsMiddleware`) record into this registry. Once per process,
    /// by the composition root only: tests run many Managers in one process and read each one's own registry.
    public func bootstrapSwiftMetrics() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }
}
