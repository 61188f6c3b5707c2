/// The job types this Manager knows, looked up by name.
public struct JobTypeRegistry: Sendable {
    /// The registered types, sorted by name (the order `GET /jobs/types` lists them in).
    public let jobTypes: [any JobType]

    private let typesByName: [String: any JobType]

    /// Creates a registry; two types with the same name are a programmer error.
    public init(_ jobTypes: [any JobType]) {
        var typesByName: [String: any JobType] = [:]
        for jobType in jobTypes {
            precondition(typesByName[jobType.name] == nil, "duplicate job type \(jobType.name)")
            typesByName[jobType.name] = jobType
        }
        self.typesByName = typesByName
        self.jobTypes = jobTypes.sorted { $0.name < $1.name }
    }

    /// The built-in types; add one line here per new type.
    public static let builtIn = JobTypeRegistry([
        EchoSleepTestJobType(),
        SimpleBlenderRenderJobType(),
    ])

    /// The definitions of all types, sorted by name.
    public var definitions: [JobTypeDefinition] { jobTypes.map(\.definition) }

    /// The type with this name, if any.
    public func jobType(named name: String) -> (any JobType)? { typesByName[name] }

    /// Looks up `submission.type`, validates its settings and compiles it.
    public func compile(_ submission: JobSubmission, context: CompileContext) throws(JobCompileError) -> CompiledJob {
        guard let jobType = jobType(named: submission.type) else { throw .unknownJobType(submission.type) }
        return try jobType.validateAndCompile(submission, context: context)
    }
}
