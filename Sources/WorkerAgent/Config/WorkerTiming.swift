/// The waits of the worker's loops (worker-agent.md §1.6, §1.7, §2.1, §2.4, §4.1); tests shorten them.
public struct WorkerTiming: Sendable {
    /// Before the first fetch after entering `awake` (and after each task), ±10 %.
    public var firstFetch: Duration = .seconds(3)
    /// After a 204 from `POST /worker/task`, ±10 %.
    public var idleFetch: Duration = .seconds(20)
    /// After an error from `POST /worker/task`, ±10 %.
    public var errorFetch: Duration = .seconds(60)
    /// Fixed pause after a task ended.
    public var afterTask: Duration = .seconds(2)
    /// `GET /worker/state` period while asleep.
    public var asleepPoll: Duration = .seconds(3)
    /// Sign-on (and registration) retry after a connection error; also state-changed retries.
    public var retry: Duration = .seconds(5)
    /// may-i-run period while a task runs.
    public var mayIRun: Duration = .seconds(10)
    /// A log chunk is sent on the first line after this long since the previous send.
    public var logChunkAge: Duration = .seconds(30)
    /// Between the end of one upstream-buffer flush and the next.
    public var flush: Duration = .seconds(30)
    /// Between SIGTERM and SIGKILL when a subprocess group is stopped.
    public var killGrace: Duration = .seconds(3)

    /// Flamenco's timings.
    public static let standard = WorkerTiming()

    public init() {}

    /// Every duration multiplied by `factor` (> 0); `tablao worker --time-scale` uses it to speed up tests.
    public func scaled(by factor: Double) -> WorkerTiming {
        var timing = self
        let durations: [WritableKeyPath<WorkerTiming, Duration>] = [
            \.firstFetch, \.idleFetch, \.errorFetch, \.afterTask, \.asleepPoll, \.retry, \.mayIRun, \.logChunkAge,
            \.flush, \.killGrace,
        ]
        for duration in durations { timing[keyPath: duration] = self[keyPath: duration] * factor }
        return timing
    }

    /// `base` ±10 %.
    static func jittered(_ base: Duration) -> Duration { base * Double.random(in: 0.9..<1.1) }
}
