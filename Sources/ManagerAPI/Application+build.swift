import Farm
import Hummingbird
import Logging

/// Builds the router serving the whole Manager API; used by `tablao serve` and by tests.
public func buildRouter(services: ManagerServices) -> Router<ManagerRequestContext> {
    let router = Router(context: ManagerRequestContext.self)
    // Request counts and durations per route through swift-metrics (recorded only once the process bootstrapped it).
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorMiddleware())
    let worker = router.group("/api/v3/worker")
    let authenticated = worker.group().add(middleware: WorkerAuthMiddleware(authenticator: services.authenticator))
    WorkerRoutes(services: services).addRoutes(to: router, authenticated: authenticated)
    TaskRoutes(services: services).addRoutes(to: authenticated)
    MetaRoutes(services: services).addRoutes(to: router)
    JobRoutes(services: services).addRoutes(to: router)
    JobDetailRoutes(services: services).addRoutes(to: router)
    WorkerManagementRoutes(services: services).addRoutes(to: router)
    JobFilesRoutes(services: services).addRoutes(to: router)
    HealthRoutes(services: services).addRoutes(to: router)
    MetricsRoutes(services: services).addRoutes(to: router)
    return router
}

/// Builds the HTTP application listening on `host:port`, with `connections`' time-outs and bound.
public func buildApplication(
    services: ManagerServices, host: String, port: Int, connections: ConnectionSettings = ConnectionSettings(),
    logger: Logger
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(services: services), server: GuardedHTTP1Channel.builder(connections),
        configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "Tablao"),
        logger: logger)
}
