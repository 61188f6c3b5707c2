import Logging
import Synchronization
import Testing
@testable import WorkerAgent

/// A Manager that stays unreachable is reported once with what to check, then after 2, 4, 8, … failed attempts
/// (at most every 64), and once when it answers again — not on every retry, as the worker did every 5 s.
struct OutageLogTests {
    /// Keeps every message logged through it.
    final class Capture: LogHandler, @unchecked Sendable {
        let lines = Mutex<[(Logger.Level, String)]>([])
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
            function: String, line: UInt
        ) {
            lines.withLock { $0.append((level, message.description)) }
        }
    }

    @Test func persistingFailureIsLoggedWithBackOff() {
        let capture = Capture()
        let outage = OutageLog(logger: Logger(label: "test") { _ in capture })
        let url = "http://localhost:8080/"
        for _ in 1...300 { outage.failed(url, reason: "connection refused") }
        let reports = capture.lines.withLock { $0 }
        #expect(reports.allSatisfy { $0.0 == .warning })
        // Attempts 1, 2, 4, 8, 16, 32, 64, 128, then every 64: 192, 256.
        #expect(reports.count == 10, "\(reports.map(\.1))")
        #expect(reports.first?.1 == "cannot reach the Manager at \(url): connection refused; is `tablao serve` running "
            + "there, and is manager_url (or --manager) right? Retrying; task updates are kept until it answers")
        #expect(reports[1].1.hasPrefix("still cannot reach the Manager at \(url) after 2 attempts in "))
        #expect(reports.last?.1.contains("after 256 attempts") == true)

        outage.answered(url)
        outage.answered(url)
        let after = capture.lines.withLock { Array($0.dropFirst(reports.count)) }
        #expect(after.map(\.1) == ["the Manager at \(url) answers again after 300 failed attempts"])
        outage.failed(url, reason: "connection refused")
        #expect(capture.lines.withLock { $0.last?.1.hasPrefix("cannot reach the Manager") } == true)
    }
}
