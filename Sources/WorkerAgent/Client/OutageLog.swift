import Logging
import Synchronization

/// Logs a Manager that cannot be reached without repeating itself on every retry: the first failure with what to
/// do, then again after 2, 4, 8, … failed attempts (every 64 once that is reached), and once when it answers again.
final class OutageLog: Sendable {
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var failures = 0
        var nextReport = 1
        var since = ContinuousClock.now
    }

    /// After this many failures a report is made every `maximumGap` attempts.
    static let maximumGap = 64

    init(logger: Logger) { self.logger = logger }

    /// One attempt to reach the Manager at `baseURL` failed for `reason`.
    func failed(_ baseURL: String, reason: String) {
        let report: (count: Int, elapsed: Duration)? = state.withLock { state in
            state.failures += 1
            if state.failures == 1 { state.since = .now }
            guard state.failures == state.nextReport else { return nil }
            state.nextReport += min(state.failures, Self.maximumGap)
            return (state.failures, .now - state.since)
        }
        guard let report else { return }
        if report.count == 1 {
            let advice = "is `tablao serve` running there, and is manager_url (or --manager) right? Retrying; task "
                + "updates are kept until it answers"
            logger.warning("cannot reach the Manager at \(baseURL): \(reason); \(advice)")
        } else {
            let seconds = report.elapsed.components.seconds
            logger.warning(
                "still cannot reach the Manager at \(baseURL) after \(report.count) attempts in \(seconds) s: \(reason)")
        }
    }

    /// The Manager answered; ends an outage if there was one.
    func answered(_ baseURL: String) {
        let failures = state.withLock { state in
            defer { state = State() }
            return state.failures
        }
        if failures > 0 { logger.notice("the Manager at \(baseURL) answers again after \(failures) failed attempts") }
    }
}
