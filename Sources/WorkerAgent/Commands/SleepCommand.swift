/// `sleep`: waits `duration_in_seconds` (fraction truncated), interruptible, then logs `slept <duration>` (§3.3).
enum SleepCommand {
    static func run(_ context: CommandContext) async throws {
        let value = try context.requiredNumber("duration_in_seconds")
        guard value >= 0, value.isFinite else {
            throw CommandFailure(
                "sleep: parameter \"duration_in_seconds\" has invalid value \(WireValue.shortest(value)): must be positive")
        }
        let seconds = Int(min(value, Self.longestSleep))  // Int(1e30) would trap
        try await Task.sleep(for: .seconds(seconds))
        try await context.log("slept \(goDuration(seconds))")
    }

    /// Longer requests are capped here (about 100 years): a task cannot crash the worker with a huge number.
    static let longestSleep = 3_153_600_000.0

    /// Go's duration notation: `0s`, `1s`, `1m30s`, `2h0m0s`.
    static func goDuration(_ seconds: Int) -> String {
        let hours = seconds / 3600, minutes = (seconds % 3600) / 60, rest = seconds % 60
        if hours > 0 { return "\(hours)h\(minutes)m\(rest)s" }
        if minutes > 0 { return "\(minutes)m\(rest)s" }
        return "\(rest)s"
    }
}
