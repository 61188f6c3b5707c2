import Farm
import FarmModel
import Foundation
import Hummingbird
import Logging

/// Worker management, tags and sleep schedules (protocol.md §10.3).
struct WorkerManagementRoutes {
    let services: ManagerServices

    func addRoutes(to router: Router<ManagerRequestContext>) {
        let mgt = router.group("/api/v3/worker-mgt")
        mgt.get("workers", use: list)
        mgt.get("workers/:worker_id", use: fetch)
        mgt.delete("workers/:worker_id", use: delete)
        mgt.post("workers/:worker_id/setstatus", use: requestStatus)
        mgt.post("workers/:worker_id/settags", use: setTags)
        mgt.get("workers/:worker_id/sleep-schedule", use: sleepSchedule)
        mgt.post("workers/:worker_id/sleep-schedule", use: setSleepSchedule)
        mgt.get("tags", use: tags)
        mgt.post("tags", use: createTag)
        mgt.get("tag/:tag_id", use: tag)
        mgt.put("tag/:tag_id", use: updateTag)
        mgt.delete("tag/:tag_id", use: deleteTag)
    }

    @Sendable func list(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        JSONResponse.make(WorkerList(workers: try await services.queries.workers().map(WireMapping.workerSummary)))
    }

    @Sendable func fetch(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("worker_id", as: WorkerID.self)
        return JSONResponse.make(WireMapping.worker(try await services.queries.worker(id)))
    }

    @Sendable func delete(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("worker_id", as: WorkerID.self)
        try await services.workerManagement.delete(id)
        services.authenticator.forget(id)
        context.logger.info("Worker deleted", metadata: ["worker.id": "\(id)"])
        return JSONResponse.empty()
    }

    @Sendable func requestStatus(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.id("worker_id", as: WorkerID.self)
        let body = try await request.decodeWire(WorkerStatusChangeRequest.self)
        try await services.workerManagement.requestStatus(id, body.status, isLazy: body.isLazy)
        context.logger.info(
            "Worker status change requested",
            metadata: ["worker.id": "\(id)", "worker.status_requested": "\(body.status.rawValue)", "lazy": "\(body.isLazy)"])
        return JSONResponse.empty()
    }

    @Sendable func setTags(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.id("worker_id", as: WorkerID.self)
        let body = try await request.decodeWire(WorkerTagChangeRequest.self)
        try await services.workerManagement.setTags(id, to: body.tagIDs)
        return JSONResponse.empty()
    }

    @Sendable func sleepSchedule(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("worker_id", as: WorkerID.self)
        guard let schedule = try await services.workerManagement.sleepSchedule(of: id) else {
            return JSONResponse.empty()
        }
        return JSONResponse.make(
            WorkerSleepSchedule(
                isActive: schedule.isActive, daysOfWeek: schedule.daysOfWeek, startTime: schedule.startTime ?? "",
                endTime: schedule.endTime ?? ""))
    }

    @Sendable func setSleepSchedule(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.id("worker_id", as: WorkerID.self)
        let body = try await request.decodeWire(WorkerSleepSchedule.self)
        try await services.workerManagement.setSleepSchedule(
            of: id,
            SleepSchedule(
                isActive: body.isActive, daysOfWeek: body.daysOfWeek,
                startTime: body.startTime.isEmpty ? nil : body.startTime, endTime: body.endTime.isEmpty ? nil : body.endTime))
        return JSONResponse.empty()
    }

    @Sendable func tags(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        JSONResponse.make(WorkerTagList(tags: try await services.queries.tags().map(WireMapping.tag)))
    }

    @Sendable func createTag(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let body = try await request.decodeWire(WorkerTag.self)
        let id = body.id.flatMap { $0.isEmpty ? nil : TagID(validating: $0) }
        let tag = try await services.workerTags.create(id: id, name: body.name, description: body.description ?? "")
        return JSONResponse.make(WireMapping.tag(tag))
    }

    @Sendable func tag(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("tag_id", as: TagID.self)
        return JSONResponse.make(WireMapping.tag(try await services.queries.tag(id)))
    }

    @Sendable func updateTag(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.id("tag_id", as: TagID.self)
        let body = try await request.decodeWire(WorkerTag.self)
        try await services.workerTags.update(id, name: body.name, description: body.description)
        return JSONResponse.empty()
    }

    @Sendable func deleteTag(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("tag_id", as: TagID.self)
        try await services.workerTags.delete(id)
        return JSONResponse.empty()
    }
}
