import Testing
import WorkerAgent

/// `WorkerTiming.scaled(by:)`, behind the hidden `tablao worker --time-scale` testing aid.
@Suite("Worker timing scale")
struct WorkerTimingScaleTests {
    @Test("scaled(by: 0.1) divides every wait of the worker by ten and leaves the original alone")
    func scalesEveryWait() {
        let standard = WorkerTiming.standard
        let fast = standard.scaled(by: 0.1)
        let pairs: [(Duration, Duration)] = [
            (fast.firstFetch, .milliseconds(300)), (fast.idleFetch, .seconds(2)), (fast.errorFetch, .seconds(6)),
            (fast.afterTask, .milliseconds(200)), (fast.asleepPoll, .milliseconds(300)),
            (fast.retry, .milliseconds(500)),
            (fast.mayIRun, .seconds(1)), (fast.logChunkAge, .seconds(3)), (fast.flush, .seconds(3)),
            (fast.killGrace, .milliseconds(300)),
        ]
        for (scaled, expected) in pairs {
            // Duration × Double goes through floating point: allow a rounding error far below a microsecond.
            #expect(abs(scaled - expected) < .microseconds(1), "\(scaled) ≠ \(expected)")
        }
        #expect(standard.idleFetch == .seconds(20))
        #expect(standard.scaled(by: 2).mayIRun == .seconds(20))
    }
}

private func abs(_ duration: Duration) -> Duration { duration < .zero ? .zero - duration : duration }
