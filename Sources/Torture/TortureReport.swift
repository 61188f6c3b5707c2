import Foundation

/// The outcome of a torture run: its figures and the verdict of each check.
public struct TortureReport: Sendable {
    public var workers: Int
    public var tasks: Int
    public var killsRequested: Int
    /// SIGKILLs actually delivered.
    public var kills: Int
    /// Manager launches, the first one included.
    public var launches: Int
    public var seed: UInt64
    /// From the first worker request to the last worker's stop (or the time-out).
    public var elapsed: Duration
    /// Whether the workload hit `--timeout` before every task was completed.
    public var timedOut: Bool
    /// 200 answers to task requests.
    public var assignments: Int
    /// 204 answers to `completed` updates.
    public var completions: Int
    public var mayIRunCalls: Int
    /// Requests that got no answer and were retried, by kind (`task request`, `completion`, …).
    public var connectionErrors: [String: Int]
    /// Whether the final SIGTERM stopped the manager cleanly (exit status 0).
    public var stoppedCleanly: Bool
    public var checks: [TortureCheck]
    /// Where the database and the manager's log are.
    public var workDirectory: String

    /// Violations over all checks.
    public var violations: Int { checks.reduce(0) { $0 + $1.violations } }
    public var passedCount: Int { checks.filter(\.passed).count }
    public var failedCount: Int { checks.count - passedCount }
    /// Whether every check passed.
    public var passed: Bool { failedCount == 0 }

    /// Assignments answered per second of workload.
    public var assignmentsPerSecond: Double {
        elapsed.seconds > 0 ? Double(assignments) / elapsed.seconds : 0
    }

    /// `N passed, M failed`, counting checks.
    public var finalLine: String { "\(passedCount) passed, \(failedCount) failed" }

    private var unanswered: String {
        let total = connectionErrors.values.reduce(0, +)
        let parts = connectionErrors.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        return "\(total), retried" + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
    }

    /// The figures as a table, then each check with its first violations.
    public var summary: String {
        let rows: [(String, String)] = [
            ("workers", "\(workers)"),
            ("tasks", "\(tasks)"),
            ("kills", "\(kills) of \(killsRequested) (\(launches) launches)"),
            ("elapsed", String(format: "%.1f s", elapsed.seconds) + (timedOut ? " (timed out)" : "")),
            ("assignments", "\(assignments)"),
            ("assignments/s", String(format: "%.0f", assignmentsPerSecond)),
            ("completions", "\(completions)"),
            ("may-i-run calls", "\(mayIRunCalls)"),
            ("unanswered requests", unanswered),
            ("clean final stop", stoppedCleanly ? "yes" : "no"),
            ("violations", "\(violations)"),
            ("seed", "\(seed)"),
            ("work directory", workDirectory),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        var lines = rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
        lines.append("")
        for check in checks {
            lines.append("\(check.passed ? "PASS" : "FAIL")  \(check.name)")
            if !check.passed {
                lines.append("      \(check.violations) violation(s)")
                lines += check.details.map { "      - \($0)" }
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
