import Farm
import FarmModel
import Foundation
import Hummingbird
import Logging

/// Tasks, logs, blocklists and last-rendered previews (protocol.md §10.2).
struct JobDetailRoutes {
    let services: ManagerServices

    func addRoutes(to router: Router<ManagerRequestContext>) {
        router.get("/api/v3/tasks/:task_id", use: task)
        router.post("/api/v3/tasks/:task_id/setstatus", use: setTaskStatus)
        router.get("/api/v3/tasks/:task_id/log", use: logInfo)
        router.get("/api/v3/tasks/:task_id/logtail", use: logTail)
        router.get("/api/v3/jobs/:job_id/blocklist", use: blocklist)
        router.delete("/api/v3/jobs/:job_id/blocklist", use: removeFromBlocklist)
        router.get("/api/v3/jobs/:job_id/last-rendered", use: jobLastRendered)
        router.get("/api/v3/jobs/last-rendered", use: globalLastRendered)
    }

    @Sendable func task(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("task_id", as: TaskID.self)
        return JSONResponse.make(WireMapping.taskDetails(try await services.queries.task(id)))
    }

    @Sendable func setTaskStatus(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let text = context.parameters.get("task_id") ?? ""
        // Flamenco checks no UUID syntax here: a malformed ID is simply not found.
        guard let id = TaskID(validating: text) else { throw APIError(.notFound, "no task \(text)") }
        let body = try await request.decodeWire(TaskStatusChange.self)
        try await services.jobChanges.setTaskStatus(id, to: body.status, reason: body.reason)
        return JSONResponse.empty()
    }

    @Sendable func logInfo(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("task_id", as: TaskID.self)
        let task = try await services.queries.task(id).task
        guard let size = services.context.logs.size(job: task.jobID, task: task.id), size > 0 else {
            return JSONResponse.empty()
        }
        return JSONResponse.make(
            TaskLogInfo(
                taskID: task.id, jobID: task.jobID,
                url: "/job-files/" + TaskLogStore.relativePath(job: task.jobID, task: task.id), size: size))
    }

    @Sendable func logTail(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("task_id", as: TaskID.self)
        let task = try await services.queries.task(id).task
        guard let tail = try services.context.logs.tail(job: task.jobID, task: task.id), !tail.isEmpty else {
            return JSONResponse.empty()
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=UTF-8"],
            body: ResponseBody(byteBuffer: .init(string: tail)))
    }

    @Sendable func blocklist(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("job_id", as: JobID.self)
        let entries = try await services.queries.blocklist(ofJob: id)
        return JSONResponse.make(
            entries.map { JobBlocklistEntry(workerID: $0.worker.id, taskType: $0.taskType, workerName: $0.worker.name) })
    }

    @Sendable func removeFromBlocklist(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.id("job_id", as: JobID.self)
        let entries = try await request.decodeWire([JobBlocklistEntry].self)
        guard !entries.isEmpty else { throw APIError(.badRequest, "the list of entries to remove is empty") }
        try await services.jobChanges.removeFromBlocklist(id, entries: entries.map { ($0.workerID, $0.taskType) })
        return JSONResponse.empty()
    }

    @Sendable func jobLastRendered(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("job_id", as: JobID.self)
        return lastRendered(id)
    }

    @Sendable func globalLastRendered(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        guard let id = try await services.queries.lastRenderedJob() else { return JSONResponse.empty() }
        return lastRendered(id)
    }

    private func lastRendered(_ id: JobID) -> Response {
        guard services.pipeline.hasImages(id) else { return JSONResponse.empty() }
        return JSONResponse.make(
            JobLastRenderedImageInfo(
                base: "/job-files/" + FarmModel.Job.storagePath(for: id), suffixes: LastRenderedPipeline.suffixes))
    }
}

extension Array: WireRequest where Element: WireRequest {
    public func validate() throws(WireValidationError) {
        for element in self { try element.validate() }
    }
}
