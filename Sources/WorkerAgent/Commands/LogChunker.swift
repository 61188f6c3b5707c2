/// Collects a subprocess command's log lines and sends them in chunks: when more than 10 240 bytes are buffered or
/// more than ``WorkerTiming/logChunkAge`` passed since the previous send (worker-agent.md §4.1).
struct LogChunker {
    /// Buffered bytes beyond which the chunk is sent.
    static let sizeLimit = 10_240

    private let context: CommandContext
    private var buffer = ""
    private var lastSend = ContinuousClock.now

    init(_ context: CommandContext) { self.context = context }

    /// Appends `line` plus `\n`, sending the chunk when it is big or old enough.
    mutating func append(_ line: String) async throws {
        buffer += line
        buffer += "\n"
        if buffer.utf8.count > Self.sizeLimit || ContinuousClock.now - lastSend > context.timing.logChunkAge {
            try await flush()
        }
    }

    /// Sends whatever is buffered.
    mutating func flush() async throws {
        guard !buffer.isEmpty else { return }
        let text = buffer
        buffer = ""
        lastSend = .now
        try await context.log(text)
    }
}
