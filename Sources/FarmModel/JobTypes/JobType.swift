/// A named compiler that turns a submission's settings into tasks (protocol.md §10.1).
///
/// To add a job type, write one conforming type in its own file and list it in `JobTypeRegistry.builtIn`;
/// the HTTP layer only talks to the registry, so nothing there changes.
public protocol JobType: Sendable {
    /// The published definition; `definition.name` is the type's name.
    var definition: JobTypeDefinition { get }

    /// Compiles a submission whose settings have already been validated against `definition`
    /// (use `validateAndCompile`, or `JobTypeRegistry.compile`, to do both).
    func compile(_ submission: JobSubmission, context: CompileContext) throws(JobCompileError) -> CompiledJob
}

extension JobType {
    /// The type's name, as submitted in `SubmittedJob.type`.
    public var name: String { definition.name }

    /// Validates the settings (defaults, required, types), then compiles with the validated settings.
    public func validateAndCompile(
        _ submission: JobSubmission,
        context: CompileContext
    ) throws(JobCompileError) -> CompiledJob {
        var validated = submission
        validated.settings = try definition.validate(settings: submission.settings)
        return try compile(validated, context: context)
    }
}
