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

    /// Compiles a submission and checks its size without storing it (`POST /jobs/check`).
    public func check(_ input: JobSubmissionInput) async throws {
        _ = try await prepare(input, id: .random(), at: context.database.clock())
    }

    /// Compiles and stores a job with all its tasks and dependencies in one transaction.
    ///
    /// Everything that costs time happens before the transaction: the size checks, compiling, and writing the
    /// settings and every task's commands as JSON text. The transaction only resolves the tag and inserts rows.
    public func submit(_ input: JobSubmissionInput) async throws -> Job {
        let prepared = try await prepare(input, id: .random(), at: context.database.clock())
        return try await context.database.write { tx in
            var submission = prepared
            if let tag = input.workerTag, !tag.isEmpty {
                guard let id = TagID(validating: tag), let found = try tx.tags.find(id) else {
                    throw FarmError.invalidInput("worker_tag \(tag) does not exist")
                }
                submission.workerTagRowID = found.rowID
            }
            return try tx.jobs.insert(submission)
        }
    }

    /// Checks the submission against the storage limits, compiles it, and writes every JSON text it will store,
    /// checking each command and the job's running total as it goes (so an oversized job stops early).
    private func prepare(_ input: JobSubmissionInput, id: JobID, at now: Date) async throws -> JobRepository.Submission {
        let limits = context.settings.storageLimits
        do throws(JobSizeError) {
            try limits.checkSubmitted(settings: input.settings, metadata: input.metadata)
        } catch {
            throw FarmError.invalidInput(error.message)
        }
        let compiled = try await compile(input, id: id, at: now)
        let settingsText = JSONValue.object(compiled.settings).jsonText()
        let metadataText = JobRepository.Submission.metadataText(input.metadata)
        var tasks: [JobRepository.PreparedTask] = []
        tasks.reserveCapacity(compiled.tasks.count)
        var jobCommandBytes = 0
        do throws(JobSizeError) {
            try limits.checkSettingsSize(settingsText.utf8.count + metadataText.utf8.count)
            for task in compiled.tasks {
                var commandTexts: [String] = []
                for command in task.commands {
                    let text = StoredCommands.text(of: command)
                    try limits.checkCommand(command, textBytes: text.utf8.count, task: task.name)
                    commandTexts.append(text)
                }
                let commandsText = StoredCommands.text(joining: commandTexts)
                jobCommandBytes += commandsText.utf8.count
                try limits.checkJobCommands(jobCommandBytes, tasksSoFar: tasks.count + 1)
                tasks.append(
                    JobRepository.PreparedTask(
                        name: task.name, taskType: task.taskType, priority: task.priority, commandsText: commandsText,
                        stepsTotal: task.stepsTotal, dependencies: task.dependencies))
            }
        } catch {
            throw FarmError.invalidInput(error.message)
        }
        return JobRepository.Submission(
            id: id, name: input.name, type: input.type, priority: input.priority,
            status: input.initialStatus ?? .queued, settingsText: settingsText, metadataText: metadataText,
            submitterPlatform: input.submitterPlatform, workerTagRowID: nil, shamanCheckoutID: input.shamanCheckoutID,
            preparedTasks: tasks)
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
