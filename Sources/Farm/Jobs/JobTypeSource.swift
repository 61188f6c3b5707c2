import FarmModel

/// The job types a Manager offers: the built-in registry, or the built-in types plus job-type scripts that may
/// change while the Manager runs (so every lookup is `async` and returns what is offered at that moment).
public protocol JobTypeSource: Sendable {
    /// The types offered now, sorted by name.
    func offeredJobTypes() async -> [any OfferedJobType]
    /// The type offered now under this name, if any.
    func offeredJobType(named name: String) async -> (any OfferedJobType)?
}

/// One job type as offered at one moment: its published definition and the compiler that goes with it.
public protocol OfferedJobType: Sendable {
    /// The published definition; its etag is what `type_etag` is checked against.
    var definition: JobTypeDefinition { get }
    /// Validates the settings against `definition` (defaults, required, types), then compiles.
    func compile(_ job: JobToCompile) async throws(JobCompileError) -> CompiledJob
}

/// Everything a compiler may read about a job being submitted.
public struct JobToCompile: Sendable {
    /// The ID the job will be stored under.
    public var id: JobID
    /// Name, type, priority, settings and metadata as submitted.
    public var submission: JobSubmission
    /// The status the job is stored with.
    public var status: JobStatus
    /// The worker tag's UUID, empty for none.
    public var workerTag: String
    /// The Shaman checkout ID, empty for none.
    public var shamanCheckoutID: String
    /// Creation time and the Manager's time zone.
    public var context: CompileContext

    /// Creates the compiler's view of a job.
    public init(
        id: JobID, submission: JobSubmission, status: JobStatus, workerTag: String, shamanCheckoutID: String,
        context: CompileContext
    ) {
        self.id = id
        self.submission = submission
        self.status = status
        self.workerTag = workerTag
        self.shamanCheckoutID = shamanCheckoutID
        self.context = context
    }
}

/// A built-in (compiled-in) job type, compiled on the caller's task: it is pure and bounded by `JobCompileLimits`.
public struct NativeJobType: OfferedJobType {
    /// The wrapped type.
    public let jobType: any JobType

    /// Wraps a built-in type.
    public init(_ jobType: any JobType) { self.jobType = jobType }

    public var definition: JobTypeDefinition { jobType.definition }

    public func compile(_ job: JobToCompile) async throws(JobCompileError) -> CompiledJob {
        try jobType.validateAndCompile(job.submission, context: job.context)
    }
}

extension JobTypeRegistry: JobTypeSource {
    public func offeredJobTypes() async -> [any OfferedJobType] { jobTypes.map(NativeJobType.init) }

    public func offeredJobType(named name: String) async -> (any OfferedJobType)? {
        let found: (any JobType)? = jobType(named: name)
        return found.map(NativeJobType.init)
    }
}
