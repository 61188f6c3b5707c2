import Synchronization

/// Measures how late this process's timers fire while a timing test runs. A full `swift test` keeps Swift's shared
/// executor busy with every suite at once, and the agent under test sleeps on that same executor, so its waits run
/// late by about as much as the probe's: a test widens its upper bounds by what the probe saw, and keeps them tight
/// on a quiet machine.
final class TimerLagProbe: Sendable {
    private let worstLag = Mutex<Double>(0)
    private let ticking = Mutex<Task<Void, Never>?>(nil)

    private init() {}

    /// Starts sleeping `tick` at a time and recording how late each sleep ended.
    static func start(tick: Duration = .milliseconds(100)) -> TimerLagProbe {
        let probe = TimerLagProbe()
        let task = Task { [probe] in
            while !Task.isCancelled {
                let before = ContinuousClock.now
                try? await Task.sleep(for: tick)
                let late = (ContinuousClock.now - before - tick).seconds
                probe.worstLag.withLock { $0 = max($0, late) }
            }
        }
        probe.ticking.withLock { $0 = task }
        return probe
    }

    /// The latest any sleep ended so far, in seconds.
    var worst: Double { worstLag.withLock { $0 } }

    /// Stops ticking.
    func stop() { ticking.withLock { $0?.cancel() } }
}
