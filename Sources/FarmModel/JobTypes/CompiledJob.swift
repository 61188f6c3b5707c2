/// The result of compiling a submission: the settings to store and the tasks to create.
public struct CompiledJob: Sendable, Hashable {
    /// The settings to store: defaults applied and compiler rewrites (such as `{timestamp}`) done.
    public var settings: [String: JSONValue]
    /// The tasks in authoring order; `index_in_job` is the position plus one.
    public var tasks: [CompiledTask]

    /// Creates a compiled job; every dependency must point at an earlier task (a job type's bug otherwise, which
    /// storing the job refuses with an error rather than a trap, since compiling runs on a client's request).
    public init(settings: [String: JSONValue], tasks: [CompiledTask]) {
        self.settings = settings
        self.tasks = tasks
    }

    /// The job's `steps_total`, computed at submission (protocol.md §13 row 21).
    public var stepsTotal: Int { tasks.reduce(0) { $0 + $1.stepsTotal } }
}
