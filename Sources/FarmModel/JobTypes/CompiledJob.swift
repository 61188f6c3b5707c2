/// The result of compiling a submission: the settings to store and the tasks to create.
public struct CompiledJob: Sendable, Hashable {
    /// The settings to store: defaults applied and compiler rewrites (such as `{timestamp}`) done.
    public var settings: [String: JSONValue]
    /// The tasks in authoring order; `index_in_job` is the position plus one.
    public var tasks: [CompiledTask]

    /// Creates a compiled job; every dependency must point at an earlier task (a programmer error otherwise).
    public init(settings: [String: JSONValue], tasks: [CompiledTask]) {
        for (index, task) in tasks.enumerated() {
            for dependency in task.dependencies {
                precondition(dependency >= 0 && dependency < index, "task dependencies must point at earlier tasks")
            }
        }
        self.settings = settings
        self.tasks = tasks
    }

    /// The job's `steps_total`, computed at submission (protocol.md §13 row 21).
    public var stepsTotal: Int { tasks.reduce(0) { $0 + $1.stepsTotal } }
}
