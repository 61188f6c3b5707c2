import Foundation

extension FarmAPIClient {
    /// `get_job_types`: the job types the Manager compiles and their settings.
    public func jobTypes() async throws(FarmClientError) -> JobTypeCatalog {
        try await get("/api/v3/jobs/types").decode(JobTypeCatalog.self)
    }

    /// `get_job_types` exactly as the Manager sent it.
    public func jobTypesJSON() async throws(FarmClientError) -> Data {
        try await get("/api/v3/jobs/types").rawBody()
    }

    /// `submit_job`: stores the job; the Manager's answer (with the new ID) or its refusal.
    public func submit(_ job: JobRequest) async throws(FarmClientError) -> JobRecord {
        try await post("/api/v3/jobs", json: job).decode(JobRecord.self)
    }

    /// `fetch_jobs`: every job, in creation order.
    public func jobs() async throws(FarmClientError) -> [JobRecord] {
        try await get("/api/v3/jobs").decode(JobRecordList.self).jobs
    }

    /// `fetch_jobs` exactly as the Manager sent it.
    public func jobsJSON() async throws(FarmClientError) -> Data {
        try await get("/api/v3/jobs").rawBody()
    }

    /// `fetch_job`: one job.
    public func job(_ id: String) async throws(FarmClientError) -> JobRecord {
        try await get("/api/v3/jobs/\(id)").decode(JobRecord.self)
    }

    /// `fetch_workers`: every worker that is not deleted.
    public func workers() async throws(FarmClientError) -> [WorkerRecord] {
        try await get("/api/v3/worker-mgt/workers").decode(WorkerRecordList.self).workers
    }

    /// `fetch_workers` exactly as the Manager sent it.
    public func workersJSON() async throws(FarmClientError) -> Data {
        try await get("/api/v3/worker-mgt/workers").rawBody()
    }

    /// `fetch_worker`: the worker's task (active, else last); `nil` when the worker is gone.
    public func task(ofWorker id: String) async throws(FarmClientError) -> WorkerTaskRecord? {
        do {
            return try await get("/api/v3/worker-mgt/workers/\(id)").decode(WorkerDetailRecord.self).task
        } catch .refused(_, 404, _) {
            return nil
        }
    }
}
