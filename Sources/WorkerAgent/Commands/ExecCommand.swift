/// `exec`: runs `exe` with `args`, no shell (worker-agent.md §3.4).
enum ExecCommand {
    static func run(_ context: CommandContext) async throws {
        let executable = try context.requiredString("exe")
        let arguments = try context.stringList("args")
        try await SubprocessCommand.run([executable] + arguments, context)
    }
}
