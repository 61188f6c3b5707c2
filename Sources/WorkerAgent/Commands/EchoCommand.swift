/// `echo`: logs `echo: "<message>"` (worker-agent.md §3.2).
enum EchoCommand {
    static func run(_ context: CommandContext) async throws {
        guard let message = context.parameters["message"] else {
            throw CommandFailure("echo: mandatory parameter \"message\" is missing: \(WireValue.object(context.parameters).text)")
        }
        try await context.log("echo: \(GoQuote.quote(message.text))")
    }
}
