import Foundation
import Testing
@testable import WorkerAgent

/// worker-agent.md §8.1 item 8 (§2.1): the waits between task fetches, measured at the stand-in Manager with the
/// timings scaled down. Lower bounds are tight (jitter is at most −10 %); upper bounds only have to tell the waits
/// apart (each below the next longer wait's lower bound), because `swift test` runs every suite at once on two cores
/// and a busy machine delays timers by a second or more.
struct FetchTimingTests {
    private let timing = AgentHarness.scaledTiming

    /// First 0.5 s, idle 3 s, error 9 s: far enough apart to be told apart on a loaded machine.
    private var spreadTiming: WorkerTiming {
        var timing = AgentHarness.scaledTiming
        timing.firstFetch = .milliseconds(500)
        timing.idleFetch = .seconds(3)
        timing.errorFetch = .seconds(9)
        return timing
    }

    /// A gap that should be `base` ±10 %: at least its lower bound, and below `limit` (room for a slow machine)
    /// widened by twice the worst timer lag `lag` saw (the wait and the request each run late on a starved executor).
    private func expectGap(_ gap: Double, around base: Duration, below limit: Double, lag: TimerLagProbe, _ what: String) {
        let nominal = base.seconds
        let bound = limit + 2 * lag.worst
        #expect(gap >= 0.85 * nominal && gap < bound, "\(what): \(gap) s, expected \(nominal) s ±10 %, below \(bound) s")
    }

    /// First fetch ~firstFetch after the `awake` acknowledgement; after each 204 the next ~idleFetch later; the
    /// waits are jittered.
    @Test func fetchesFirstAfterTheShortWaitThenAfterTheIdleWait() async throws {
        let timing = spreadTiming
        let lag = TimerLagProbe.start()
        defer { lag.stop() }
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            let agent = AgentHarness.start(against: manager, timing: timing)
            let fetches = await manager.waitFor(.fetchTask, count: 5, within: 40)
            #expect(await agent.stop() == 1)
            try #require(fetches.count >= 5)

            let acknowledgement = try #require(manager.requests(.stateChanged).first)
            let first = fetches[0].seconds(after: acknowledgement)
            // Below the idle wait's lower bound, and idle gaps below the error wait's.
            expectGap(first, around: timing.firstFetch, below: 0.9 * timing.idleFetch.seconds, lag: lag, "first fetch")
            let idleGaps = zip(fetches, fetches.dropFirst()).map { $1.seconds(after: $0) }
            for gap in idleGaps { expectGap(gap, around: timing.idleFetch, below: 0.9 * timing.errorFetch.seconds, lag: lag, "after 204") }
            // Jitter: relative waits spread over a good part of the ±10 % band (all equal without jitter).
            let ratios = [first / timing.firstFetch.seconds] + idleGaps.map { $0 / timing.idleFetch.seconds }
            #expect(ratios.max()! - ratios.min()! > 0.03, "waits look unjittered: \(ratios)")
        }
    }

    /// After 403, 409, 500, 503, a network error and an unreadable 200 the next fetch comes ~errorFetch later; a 409
    /// first re-sends `state-changed {awake}` once (Tablao, §1.7).
    @Test func backsOffAfterEveryKindOfFetchError() async throws {
        let lag = TimerLagProbe.start()
        defer { lag.stop() }
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            let failures: [StandInReply] = [.error(403), .error(409), .error(500), .error(503), .reset, .notJSON]
            let labels = ["403", "409", "500", "503", "network error", "unreadable 200"]
            for failure in failures { manager.queue(.fetchTask, failure) }
            let agent = AgentHarness.start(against: manager, timing: timing)
            let fetches = await manager.waitFor(.fetchTask, count: failures.count + 1, within: 30)
            #expect(await agent.stop() == 1)
            try #require(fetches.count == failures.count + 1)

            #expect(fetches.map(\.answered) == [403, 409, 500, 503, nil, 200, 204])
            for (index, pair) in zip(fetches, fetches.dropFirst()).enumerated() {
                expectGap(
                    pair.1.seconds(after: pair.0), around: timing.errorFetch, below: 1.1 * timing.errorFetch.seconds + 3,
                    lag: lag, "after \(labels[index])")
            }
            let acknowledgements = manager.requests(.stateChanged)
            #expect(acknowledgements.map { $0.string("status") } == ["awake", "awake"])
            #expect(acknowledgements.count == 2 && acknowledgements[1].at > fetches[1].at && acknowledgements[1].at < fetches[2].at)
        }
    }
}
