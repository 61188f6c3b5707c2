/// `echo-sleep-test`: echoes a message, then sleeps a number of times; for trying out workers
/// (protocol.md §10.1.1).
public struct EchoSleepTestJobType: JobType {
    /// Creates the job type.
    public init() {}

    /// The published definition.
    public let definition = JobTypeDefinition(
        name: "echo-sleep-test",
        label: "Echo Sleep Test",
        settings: [
            JobSettingDefinition(
                key: "message",
                type: .string,
                description: "Text the worker writes to its log.",
                required: true
            ),
            JobSettingDefinition(
                key: "sleep_duration_seconds",
                type: .int32,
                description: "How long each sleep task waits, in seconds.",
                defaultValue: .int(1)
            ),
            JobSettingDefinition(
                key: "sleep_repeats",
                type: .int32,
                description: "How many sleep tasks follow the echo task.",
                defaultValue: .int(1)
            ),
        ]
    )

    /// Compiles to an `echo` task followed by R `sleep` tasks that each depend on it.
    public func compile(_ submission: JobSubmission, context: CompileContext) throws(JobCompileError) -> CompiledJob {
        let settings = submission.settings
        let echo = CompiledTask(
            name: "echo",
            taskType: "misc",
            priority: JobCompileLimits.builtInTaskPriority,
            commands: [
                CompiledCommand(name: "echo", parameters: ["message": settings["message"] ?? .null], totalStepCount: 0)
            ]
        )
        let sleep = CompiledTask(
            name: "sleep",
            taskType: "misc",
            priority: JobCompileLimits.builtInTaskPriority,
            commands: [
                CompiledCommand(
                    name: "sleep",
                    parameters: ["duration_in_seconds": settings["sleep_duration_seconds"] ?? .null],
                    totalStepCount: 0
                )
            ],
            dependencies: [0]
        )
        let repeats = try Self.repeatCount(of: settings["sleep_repeats"])
        return CompiledJob(settings: settings, tasks: [echo] + Array(repeating: sleep, count: repeats))
    }

    /// How often Flamenco's `for (let i = 0; i < sleep_repeats; i++)` runs: 0 unless the value is a
    /// positive number, and a fraction counts as the next integer (`2.5` → 3).
    static func repeatCount(of value: JSONValue?) throws(JobCompileError) -> Int {
        guard let number = value?.doubleValue, number > 0 else { return 0 }
        let limit = JobCompileLimits.maximumTaskCount - 1
        guard number.rounded(.up) <= Double(limit) else {
            throw .invalidValue(key: "sleep_repeats", reason: "more than \(limit) sleep tasks")
        }
        return Int(number.rounded(.up))
    }
}
