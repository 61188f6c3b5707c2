import Foundation
import HTTPTypes
import Logging
import Farm
import FarmModel
import Hummingbird
import NIOCore

/// Task requests, updates, may-i-run and output uploads of workers (protocol.md §3.6–§3.9).
struct TaskRoutes {
    let services: ManagerServices

    /// Largest accepted rendered image (25 MiB, protocol.md §3.9).
    static let maximumImageBytes = 25 * 1024 * 1024

    func addRoutes(to authenticated: RouterGroup<ManagerRequestContext>) {
        authenticated.post("task", use: requestTask)
        authenticated.post("task/:task_id", use: update)
        authenticated.get("task/:task_id/may-i-run", use: mayIRun)
        authenticated.post("task/:task_id/output-produced", use: outputProduced)
    }

    @Sendable func requestTask(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let outcome = try await services.scheduler.scheduleTask(for: try context.requireWorker())
        let assigned: Bool
        if case .assigned = outcome { assigned = true } else { assigned = false }
        services.metrics.recordTaskRequest(ContinuousClock.now - started, assigned: assigned)
        switch outcome {
        case .statusChangeRequested(let status):
            return JSONResponse.make(WorkerStateChange(statusRequested: status), status: HTTPResponse.Status(code: 423, reasonPhrase: "Locked"))
        case .notAwake(let message):
            throw APIError(.conflict, message)
        case .noTask:
            return JSONResponse.empty()
        case .assigned(let assignment):
            let task = assignment.task
            context.logger.info(
                "Task assigned", metadata: ["task.id": "\(task.id)", "job.id": "\(task.jobID)", "task.name": "\(task.name)"])
            return JSONResponse.make(
                AssignedTask(
                    uuid: task.id, job: task.jobID, name: task.name, status: task.status, priority: task.priority,
                    jobPriority: assignment.jobPriority, jobType: assignment.jobType, taskType: task.taskType,
                    commands: WireMapping.commands(try assignment.commands()),
                    stepsCompleted: task.stepsCompleted, stepsTotal: task.stepsTotal))
        }
    }

    @Sendable func update(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let worker = try context.requireWorker()
        let taskID = try context.parameters.id("task_id", as: TaskID.self)
        let body = try await request.decodeWire(TaskUpdate.self)
        let result = try await services.updates.update(
            taskID, from: worker,
            TaskUpdateInput(
                status: body.taskStatus, activity: body.activity, log: body.log, stepsCompleted: body.stepsCompleted))
        services.metrics.recordTaskUpdate()
        if case .statusChangeIgnored(let current) = result, let requested = body.taskStatus {
            context.logger.notice(
                "Ignored a status change for a task that is no longer active",
                metadata: ["task.id": "\(taskID)", "task.status": "\(current.rawValue)", "task.requested": "\(requested.rawValue)"])
        }
        return JSONResponse.empty()
    }

    @Sendable func mayIRun(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let taskID = try context.parameters.id("task_id", as: TaskID.self)
        let answer = try await services.mayKeepRunning.answer(taskID, for: try context.requireWorker())
        return JSONResponse.make(
            MayKeepRunning(
                mayKeepRunning: answer.mayKeepRunning, reason: answer.reason,
                statusChangeRequested: answer.statusChangeRequested))
    }

    @Sendable func outputProduced(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let worker = try context.requireWorker()
        let taskID = try context.parameters.id("task_id", as: TaskID.self)
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        // Body checks first (protocol.md §3.9 row 2: empty body 400, unsupported type 415), then the length (411, 413).
        let length = request.headers[.contentLength].flatMap { Int($0) }
        guard length != 0 else { throw APIError(.badRequest, "empty image") }
        guard mediaType == "image/jpeg" || mediaType == "image/png" else {
            throw APIError(.unsupportedMediaType, "expected image/jpeg or image/png, got \"\(mediaType)\"")
        }
        guard let length, length > 0 else {
            throw APIError(.lengthRequired, "Content-Length is required and must be positive")
        }
        guard length <= Self.maximumImageBytes else {
            throw APIError(.contentTooLarge, "image of \(length) bytes exceeds \(Self.maximumImageBytes)")
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maximumImageBytes)
        } catch {
            throw APIError(.contentTooLarge, "image exceeds \(Self.maximumImageBytes) bytes")
        }
        guard body.readableBytes > 0 else { throw APIError(.badRequest, "empty image") }
        try await services.uploads.accept(Array(buffer: body), for: taskID, from: worker)
        return JSONResponse.empty(.accepted)
    }
}
