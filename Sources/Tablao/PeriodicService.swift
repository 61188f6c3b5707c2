import Logging
import ServiceLifecycle

/// Runs an action every `interval` after `initialDelay`, until graceful shutdown; failures are logged, not fatal.
///
/// The WAL checkpoint, the timeout checks and the sleep-schedule check are each one of these.
struct PeriodicService: Service {
    let name: String
    let initialDelay: Duration
    let interval: Duration
    let logger: Logger
    /// When true, a failure stops the service, which makes the service group shut the Manager down.
    var stopsManagerOnFailure = false
    let action: @Sendable () async throws -> Void

    func run() async throws {
        var delay = initialDelay
        while !Task.isShuttingDownGracefully {
            do {
                try await gracefulShutdown(after: delay)
            } catch {
                return
            }
            if Task.isShuttingDownGracefully { return }
            do {
                try await action()
            } catch {
                if stopsManagerOnFailure { throw error }
                logger.warning("Periodic task failed", metadata: ["service": "\(name)", "error": "\(error)"])
            }
            delay = interval
        }
    }
}

/// Sleeps for `delay`, throwing early when graceful shutdown begins.
private func gracefulShutdown(after delay: Duration) async throws {
    try await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
}
