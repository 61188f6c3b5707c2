import FarmModel
import Foundation
import Storage

/// A job as submitted by a client, after wire decoding.
public struct JobSubmissionInput: Sendable {
    public var name: String
    public var type: String
    public var priority: Int
    public var submitterPlatform: String
    public var typeEtag: String?
    public var settings: [String: JSONValue]
    public var metadata: [String: String]
    public var workerTag: String?
    public var shamanCheckoutID: String
    public var initialStatus: JobStatus?

    /// Creates an input.
    public init(
        name: String, type: String, priority: Int, submitterPlatform: String, typeEtag: String?,
        settings: [String: JSONValue], metadata: [String: String], workerTag: String?, shamanCheckoutID: String,
        initialStatus: JobStatus?
    ) {
        self.name = name
        self.type = type
        self.priority = priority
        self.submitterPlatform = submitterPlatform
        self.typeEtag = typeEtag
        self.settings = settings
        self.metadata = metadata
        self.workerTag = workerTag
        self.shamanCheckoutID = shamanCheckoutID
        self.initialStatus = initialStatus
    }
}

/// Job types and submission (protocol.md §10.1 with §13 rows 21 and 24).
public struct JobSubmissions: Sendable {
    let context: FarmContext
    /// The job types this Manager compiles.
    public let catalog: any JobTypeSource

    /// Creates the use case over a catalog of job types (the built-in ones unless given).
    public init(context: FarmContext, catalog: any JobTypeSource = JobTypeRegistry.builtIn) {
        self.context = context
        self.catalog = catalog
    }

    /// Statuses a submission may start in: `queued` (default), `paused` ("submit paused") or `under-construction`.
    public static let allowedInitialStatuses: Set<JobStatus> = [.queued, .paused, .underConstruction]

    /// Compiles a submission without storing it (`POST /jobs/check`).
    public func check(_ input: JobSubmissionInput) async throws {
        _ = try await compile(input, id: .random(), at: context.database.clock())
    }

    /// Compiles and stores a job with all its tasks and dependencies in one transaction.
    public func submit(_ input: JobSubmissionInput) async throws -> Job {
        let now = context.database.clock()
        let id = JobID.random()
        let compiled = try await compile(input, id: id, at: now)
        let status = input.initialStatus ?? .queued
        return try await context.database.write { tx in
            var tagRowID: Int64?
            if let tag = input.workerTag, !tag.isEmpty {
                guard let id = TagID(validating: tag), let found = try tx.tags.find(id) else {
                    throw FarmError.invalidInput("worker_tag \(tag) does not exist")
                }
                tagRowID = found.rowID
            }
            return try tx.jobs.insert(
                JobRepository.Submission(
                    id: id, name: input.name, type: input.type, priority: input.priority, status: status,
                    settings: compiled.settings, metadata: input.metadata, submitterPlatform: input.submitterPlatform,
                    workerTagRowID: tagRowID, shamanCheckoutID: input.shamanCheckoutID, tasks: compiled.tasks))
        }
    }

    private func compile(_ input: JobSubmissionInput, id: JobID, at now: Date) async throws -> CompiledJob {
        guard let jobType = await catalog.offeredJobType(named: input.type) else {
            throw FarmError.invalidInput("job type \"\(input.type)\" unknown")
        }
        if let etag = input.typeEtag, !etag.isEmpty, etag != jobType.definition.etag {
            throw FarmError.preconditionFailed(
                "job type \(input.type) changed (etag \(jobType.definition.etag), submitted \(etag)); reload the job type")
        }
        if let status = input.initialStatus, !Self.allowedInitialStatuses.contains(status) {
            throw FarmError.invalidInput("initial_status \(status.rawValue) is not allowed for a new job")
        }
        let submission = JobSubmission(
            name: input.name, type: input.type, priority: input.priority, settings: input.settings,
            metadata: input.metadata)
        let job = JobToCompile(
            id: id, submission: submission, status: input.initialStatus ?? .queued, workerTag: input.workerTag ?? "",
            shamanCheckoutID: input.shamanCheckoutID,
            context: CompileContext(creationTime: now, timeZone: context.settings.timeZone))
        do {
            return try await jobType.compile(job)
        } catch {
            throw FarmError.invalidInput(error.message)
        }
    }
}
