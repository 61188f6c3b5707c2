/// A command failed; `message` becomes `Failed: <message>` in the task (worker-agent.md §2.5).
struct CommandFailure: Error, CustomStringConvertible {
    let message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
