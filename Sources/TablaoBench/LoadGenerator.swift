import Foundation

/// Drives `workers` concurrent loops for a bounded time: a warm-up, then a measured window whose iterations
/// (and their latencies) are counted, with this process's CPU use over the window.
enum LoadGenerator {
    /// What one measured window produced.
    struct Result: Sendable {
        /// Iterations that finished inside the window.
        var operations: Int
        /// Length of the window in seconds.
        var seconds: Double
        /// Latencies (ms) the iterations reported, of those that started and finished inside the window.
        var latencies: [Double]
        /// Iterations that threw (a failed request); not counted in `operations`.
        var errors: Int
        /// CPU seconds this process used during the window.
        var cpuSeconds: Double

        var perSecond: Double { seconds > 0 ? Double(operations) / seconds : 0 }
        /// The load generator's CPU use in cores (1.0 = one core busy all the time).
        var cpuCores: Double { seconds > 0 ? cpuSeconds / seconds : 0 }
    }

    /// Runs one loop per element of `states`; `iteration` returns the latency (ms) to record, or nil for none.
    static func run<State: Sendable>(
        states: [State], warmUp: Duration, measure: Duration,
        iteration: @escaping @Sendable (inout State) async throws -> Double?
    ) async -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let windowStart = start + warmUp
        let deadline = windowStart + measure
        return await withTaskGroup(of: (Int, [Double], Int).self) { group in
            for state in states {
                group.addTask {
                    var state = state
                    var operations = 0
                    var errors = 0
                    var latencies: [Double] = []
                    while clock.now < deadline {
                        let began = clock.now
                        do {
                            let latency = try await iteration(&state)
                            let ended = clock.now
                            guard began >= windowStart, ended <= deadline else { continue }
                            operations += 1
                            if let latency { latencies.append(latency) }
                        } catch {
                            if began >= windowStart { errors += 1 }
                            try? await Task.sleep(for: .milliseconds(5))
                        }
                    }
                    return (operations, latencies, errors)
                }
            }
            try? await clock.sleep(until: windowStart)
            let cpuStart = ProcessCPU.seconds()
            try? await clock.sleep(until: deadline)
            let cpu = ProcessCPU.seconds() - cpuStart
            var result = Result(
                operations: 0, seconds: (deadline - windowStart).seconds, latencies: [], errors: 0, cpuSeconds: cpu)
            for await (operations, latencies, errors) in group {
                result.operations += operations
                result.latencies += latencies
                result.errors += errors
            }
            return result
        }
    }

    /// Milliseconds since `start`.
    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start).seconds * 1e3
    }
}
