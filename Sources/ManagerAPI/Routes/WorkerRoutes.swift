import Logging
import Farm
import FarmModel
import Hummingbird

/// Registration, sign-on/off and status reports of workers (protocol.md §3.1–§3.5).
struct WorkerRoutes {
    let services: ManagerServices

    func addRoutes(to router: Router<ManagerRequestContext>, authenticated: RouterGroup<ManagerRequestContext>) {
        router.post("/api/v3/worker/register-worker", use: register)
        authenticated.post("sign-on", use: signOn)
        authenticated.post("sign-off", use: signOff)
        authenticated.get("state", use: state)
        authenticated.post("state-changed", use: stateChanged)
    }

    @Sendable func register(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let body = try await request.decodeWire(WorkerRegistration.self)
        let worker = try await services.lifecycle.register(
            name: body.name, secret: body.secret, platform: body.platform, supportedTaskTypes: body.supportedTaskTypes,
            address: context.clientAddress)
        context.logger.info("Worker registered", metadata: ["worker.id": "\(worker.id)", "worker.name": "\(worker.name)"])
        return JSONResponse.make(
            RegisteredWorker(
                uuid: worker.id, name: worker.name, address: worker.address, status: worker.state.status,
                platform: worker.platform, software: worker.software, supportedTaskTypes: worker.supportedTaskTypes))
    }

    @Sendable func signOn(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let worker = try context.requireWorker()
        let body = try await request.decodeWire(WorkerSignOn.self)
        let status = try await services.lifecycle.signOn(
            worker, name: body.name, address: context.clientAddress, software: body.softwareVersion,
            canRestart: body.canRestart ?? false, supportedTaskTypes: body.supportedTaskTypes)
        context.logger.info("Worker signed on", metadata: ["worker.status_requested": "\(status.rawValue)"])
        return JSONResponse.make(WorkerStateChange(statusRequested: status))
    }

    @Sendable func signOff(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        try await services.lifecycle.signOff(try context.requireWorker())
        context.logger.info("Worker signed off")
        return JSONResponse.empty()
    }

    @Sendable func state(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        guard let pending = try await services.lifecycle.pendingStatusChange(try context.requireWorker()) else {
            return JSONResponse.empty()
        }
        return JSONResponse.make(WorkerStateChange(statusRequested: pending))
    }

    @Sendable func stateChanged(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let worker = try context.requireWorker()
        let body = try await request.decodeWire(WorkerStateChanged.self)
        try await services.lifecycle.statusChanged(worker, to: body.status)
        context.logger.info("Worker changed status", metadata: ["worker.status": "\(body.status.rawValue)"])
        return JSONResponse.empty()
    }
}
