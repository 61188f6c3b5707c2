import CJavaScriptCore
import Foundation
import Synchronization

/// The time limit of one load or compile: every JavaScriptCore call made for it is armed with what is left, and
/// JavaScriptCore's watchdog stops the script (uncatchably) once it runs past it.
final class ScriptDeadline: Sendable {
    private let end: ContinuousClock.Instant
    private let limit: Duration
    private let expired = Atomic<Bool>(false)

    /// Starts the clock for a job of `limit`.
    init(limit: Duration) {
        self.limit = limit
        self.end = .now + limit
    }

    /// Whether the watchdog stopped a script of this job.
    var didExpire: Bool { expired.load(ordering: .relaxed) }

    /// The failure reported for a script stopped by the limit.
    var failure: ScriptFailure {
        ScriptFailure(
            message: "ran longer than the time limit of \(String(format: "%g", Self.seconds(limit))) s and was stopped")
    }

    /// Sets the group's limit to the time left; throws if none is left.
    func arm(_ group: JSContextGroupRef) throws(ScriptFailure) {
        let left = ContinuousClock.now.duration(to: end)
        guard left > .zero else {
            expired.store(true, ordering: .relaxed)
            throw failure
        }
        JSContextGroupSetExecutionTimeLimit(
            group, Self.seconds(left),
            { _, pointer in
                guard let pointer else { return true }
                Unmanaged<ScriptDeadline>.fromOpaque(pointer).takeUnretainedValue().expired.store(
                    true, ordering: .relaxed)
                return true
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// A duration in seconds, as a number.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
