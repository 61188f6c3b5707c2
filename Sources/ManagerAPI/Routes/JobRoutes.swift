import Farm
import FarmModel
import Foundation
import Hummingbird
import Logging

/// Job types, submission, jobs and their tasks, status and priority changes (protocol.md §10.1, §10.2).
struct JobRoutes {
    let services: ManagerServices

    func addRoutes(to router: Router<ManagerRequestContext>) {
        let jobs = router.group("/api/v3/jobs")
        jobs.get("types", use: jobTypes)
        jobs.get("type/:typeName", use: jobType)
        jobs.post(use: submit)
        jobs.post("check", use: check)
        jobs.get(use: list)
        jobs.get(":job_id", use: fetch)
        jobs.get(":job_id/tasks", use: tasks)
        jobs.post(":job_id/setstatus", use: setStatus)
        jobs.post(":job_id/setpriority", use: setPriority)
        jobs.post(":job_id/settag", use: setTag)
        jobs.get(":job_id/what-would-delete-do", use: whatWouldDeleteDo)
        jobs.delete(":job_id", use: delete)
        jobs.delete("mass-delete", use: massDelete)
    }

    @Sendable func jobTypes(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let types = await services.jobTypes.offeredJobTypes().map(\.definition).sorted { $0.name < $1.name }
        return JSONResponse.make(AvailableJobTypes(jobTypes: types.map(WireMapping.jobType)))
    }

    @Sendable func jobType(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let name = context.parameters.get("typeName") ?? ""
        guard let type = await services.jobTypes.offeredJobType(named: name) else {
            throw APIError(.notFound, "no job type \(name)")
        }
        return JSONResponse.make(WireMapping.jobType(type.definition))
    }

    @Sendable func submit(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let body = try await request.decodeWire(SubmittedJob.self)
        let job = try await services.submissions.submit(Self.input(body))
        context.logger.info("Job submitted", metadata: ["job.id": "\(job.id)", "job.type": "\(job.type)"])
        return JSONResponse.make(WireMapping.job(job))
    }

    @Sendable func check(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        try await services.submissions.check(Self.input(try await request.decodeWire(SubmittedJob.self)))
        return JSONResponse.empty()
    }

    @Sendable func list(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        JSONResponse.make(JobsQueryResult(jobs: try await services.queries.jobs().map(WireMapping.job)))
    }

    @Sendable func fetch(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("job_id", as: JobID.self)
        return JSONResponse.make(WireMapping.job(try await services.queries.job(id)))
    }

    @Sendable func tasks(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("job_id", as: JobID.self)
        let tasks = try await services.queries.tasks(ofJob: id)
        return JSONResponse.make(JobTasksSummary(tasks: tasks.map(WireMapping.taskSummary)))
    }

    @Sendable func setStatus(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.id("job_id", as: JobID.self)
        let body = try await request.decodeWire(JobStatusChange.self)
        try await services.jobChanges.setJobStatus(id, to: body.status, reason: body.reason)
        context.logger.info("Job status requested", metadata: ["job.id": "\(id)", "job.status": "\(body.status.rawValue)"])
        return JSONResponse.empty()
    }

    @Sendable func setPriority(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.id("job_id", as: JobID.self)
        let body = try await request.decodeWire(JobPriorityChange.self)
        try await services.jobChanges.setPriority(id, to: body.priority)
        return JSONResponse.empty()
    }

    @Sendable func setTag(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.id("job_id", as: JobID.self)
        let body = try await request.decodeWire(JobTagChange.self)
        try await services.jobChanges.setTag(id, tagID: body.id, tagName: body.name)
        return JSONResponse.empty()
    }

    @Sendable func whatWouldDeleteDo(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("job_id", as: JobID.self)
        let job = try await services.queries.job(id)
        return JSONResponse.make(JobDeletionInfo(shamanCheckout: !job.shamanCheckoutID.isEmpty))
    }

    @Sendable func delete(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let id = try context.parameters.id("job_id", as: JobID.self)
        try await services.deletion.delete(id)
        context.logger.info("Job deleted", metadata: ["job.id": "\(id)"])
        return JSONResponse.empty()
    }

    @Sendable func massDelete(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        var request = request
        let body = try await request.decodeWire(JobMassDeletionSelection.self)
        let count = try await services.deletion.deleteJobs(updatedAtOrBefore: body.lastUpdatedMax)
        context.logger.info("Jobs mass-deleted", metadata: ["jobs.count": "\(count)"])
        return JSONResponse.empty()
    }

    static func input(_ body: SubmittedJob) -> JobSubmissionInput {
        JobSubmissionInput(
            name: body.name, type: body.type, priority: body.priority, submitterPlatform: body.submitterPlatform,
            typeEtag: body.typeEtag, settings: body.settings ?? [:], metadata: body.metadata ?? [:],
            workerTag: body.workerTag, shamanCheckoutID: body.storage?.shamanCheckoutID ?? "",
            initialStatus: body.initialStatus)
    }
}
