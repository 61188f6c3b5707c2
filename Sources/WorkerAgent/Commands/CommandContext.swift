import Logging

/// What a running command can use: its parameters, the task's log and the sender.
struct CommandContext: Sendable {
    let name: String
    let parameters: [String: WireValue]
    let task: TaskContext
    let sender: TaskUpdateSender
    let timing: WorkerTiming
    let logger: Logger
    /// Receives the images Blender announces (worker-agent.md §5).
    let uploader: OutputUploader?

    /// Sends `text` as one log update; a refused update fails the command, a 409 abandons the task.
    func log(_ text: String) async throws {
        switch await sender.send(.logText(text), for: task) {
        case .sent, .unreachable: return
        case .skipped: throw CancellationError()
        case .reassigned: throw TaskAbandoned()
        case .rejected(let why): throw CommandFailure("appending log entry to log chunker: \(why)")
        }
    }
}
