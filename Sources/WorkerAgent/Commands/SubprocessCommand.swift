/// Runs one subprocess for a command: logs the `going to run:` block, streams `pid=<n> > <line>` through a
/// ``LogChunker`` and fails on a non-zero exit. Cancellation stops the whole process group (worker-agent.md §3.1.3).
/// `onLine` sees each output line (without the prefix) after it was logged, before the next is read.
enum SubprocessCommand {
    static func run(
        _ argv: [String], _ context: CommandContext, onLine: (String) async throws -> Void = { _ in }
    ) async throws {
        var chunker = LogChunker(context)
        try await chunker.append("going to run:\n\n    \(ShellQuote.line(argv))\n")
        let process: Subprocess
        do {
            process = try Subprocess.spawn(argv)
        } catch {
            try await chunker.flush()
            throw CommandFailure("\(error)")
        }
        let stopper = GroupStopper(process: process, grace: context.timing.killGrace)
        let events = OutputReader.events(of: process)
        try await withTaskCancellationHandler {
            do {
                for await event in events {
                    switch event {
                    case .line(let line):
                        try await chunker.append("pid=\(process.pid) > \(line)")
                        try await onLine(line)
                    case .exited(let code):
                        try await chunker.flush()
                        guard code == 0 else { throw CommandFailure("command exited abnormally with code \(code)") }
                        return
                    }
                }
                throw CancellationError()
            } catch let failure as CommandFailure where failure.message.hasPrefix("command exited") {
                throw failure
            } catch {
                stopper.stop()
                throw error
            }
        } onCancel: {
            stopper.stop()
        }
    }
}
