/// One task of a compiled job, before it gets an ID and is stored.
public struct CompiledTask: Sendable, Hashable {
    /// The task's name, e.g. `render-1-3`.
    public var name: String
    /// Which workers may run it, e.g. `blender`.
    public var taskType: String
    /// The task's priority within its job.
    public var priority: Int
    /// The commands, in execution order.
    public var commands: [CompiledCommand]
    /// Indices, into the job's task list, of the earlier tasks this one waits for.
    public var dependencies: [Int]

    /// Creates a task.
    public init(name: String, taskType: String, priority: Int, commands: [CompiledCommand], dependencies: [Int] = []) {
        self.name = name
        self.taskType = taskType
        self.priority = priority
        self.commands = commands
        self.dependencies = dependencies
    }

    /// The task's `steps_total`: Σ max(1, total_step_count) over its commands (protocol.md §4.10).
    public var stepsTotal: Int { commands.reduce(0) { $0 + $1.stepCount } }
}
