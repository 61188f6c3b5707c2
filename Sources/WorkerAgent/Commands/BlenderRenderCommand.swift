/// `blender-render`: runs Blender and counts one step per rendered or skipped frame (worker-agent.md §3.5).
enum BlenderRenderCommand {
    static func run(_ context: CommandContext) async throws {
        let executable = try context.requiredString("exe")
        var exeArgs: [String] = []
        if case .string(let text)? = context.parameters["exeArgs"] {
            guard let words = ExeArgsSplitter.split(text) else {
                throw CommandFailure("blender-render: parameter \"exeArgs\" has invalid value \(text): cannot split")
            }
            exeArgs = words
        }
        let argsBefore = try context.stringList("argsBefore")
        guard case .string(let blendfile)? = context.parameters["blendfile"] else {
            let value = context.parameters["blendfile"]?.text ?? "<nil>"
            throw CommandFailure("blender-render: parameter \"blendfile\" has invalid value \(value): not a string")
        }
        let args = try context.stringList("args")
        let argv = [executable] + exeArgs + argsBefore + (blendfile.isEmpty ? [] : [blendfile]) + args
        try await SubprocessCommand.run(argv, context) { line in
            let output = BlenderOutput(line: line)
            if let path = output.savedPath { context.uploader?.enqueue(taskID: context.task.taskID, path: path) }
            if output.isFrameDone {
                _ = await context.sender.send(.progress(context.task.nextStep()), for: context.task)
            }
        }
    }
}
