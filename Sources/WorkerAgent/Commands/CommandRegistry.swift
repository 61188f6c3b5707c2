/// The commands this worker knows, by wire name (worker-agent.md §3.0).
enum CommandRegistry {
    /// Runs the command named in `context`; an unknown name fails.
    static func run(_ context: CommandContext) async throws {
        switch context.name {
        case "echo": try await EchoCommand.run(context)
        case "sleep": try await SleepCommand.run(context)
        case "exec": try await ExecCommand.run(context)
        case "blender-render": try await BlenderRenderCommand.run(context)
        case "frames-to-video": try await FramesToVideoCommand.run(context)
        case "make-directory": try await MakeDirectoryCommand.run(context)
        case "move-directory": try await MoveDirectoryCommand.run(context)
        case "copy-file": try await CopyFileCommand.run(context)
        default: throw CommandFailure("unknown command: \(GoQuote.quote(context.name))")
        }
    }
}
