import Foundation
import Testing
@testable import WorkerAgent

/// worker-agent.md §8.1 item 8 (§2.1): the waits between task fetches, measured at the stand-in Manager with the
/// timings scaled down (first 0.2 s, idle 0.6 s, error 1.5 s). Lower bounds are tight (jitter is at most −10 %);
/// upper bounds are loose because the test machine may be busy.
struct FetchTimingTests {
    private let timing = AgentHarness.scaledTiming

    /// A gap that should be `base` ±10 %, with room for a slow machine above.
    private func expectGap(_ gap: Double, around base: Duration, slack: Double, _ what: String) {
        let nominal = base.seconds
        #expect(gap >= 0.85 * nominal && gap <= 1.1 * nominal + slack, "\(what): \(gap) s, expected \(nominal) s ±10 %")
    }

    /// First fetch ~firstFetch after the `awake` acknowledgement; after each 204 the next ~idleFetch later; the
    /// waits are jittered.
    @Test func fetchesFirstAfterTheShortWaitThenAfterTheIdleWait() async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            let agent = AgentHarness.start(against: manager, timing: timing)
            let fetches = await manager.waitFor(.fetchTask, count: 8)
            #expect(await agent.stop() == 1)
            try #require(fetches.count >= 8)

            let acknowledgement = try #require(manager.requests(.stateChanged).first)
            let first = fetches[0].seconds(after: acknowledgement)
            expectGap(first, around: timing.firstFetch, slack: 0.4, "first fetch")
            let idleGaps = zip(fetches, fetches.dropFirst()).map { $1.seconds(after: $0) }
            for gap in idleGaps { expectGap(gap, around: timing.idleFetch, slack: 0.4, "after 204") }
            // Jitter: relative waits spread over a good part of the ±10 % band (all equal without jitter).
            let ratios = [first / timing.firstFetch.seconds] + idleGaps.map { $0 / timing.idleFetch.seconds }
            #expect(ratios.max()! - ratios.min()! > 0.03, "waits look unjittered: \(ratios)")
        }
    }

    /// After 403, 409, 500, 503, a network error and an unreadable 200 the next fetch comes ~errorFetch later; a 409
    /// first re-sends `state-changed {awake}` once (Tablao, §1.7).
    @Test func backsOffAfterEveryKindOfFetchError() async throws {
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
                expectGap(pair.1.seconds(after: pair.0), around: timing.errorFetch, slack: 0.8, "after \(labels[index])")
            }
            let acknowledgements = manager.requests(.stateChanged)
            #expect(acknowledgements.map { $0.string("status") } == ["awake", "awake"])
            #expect(acknowledgements.count == 2 && acknowledgements[1].at > fetches[1].at && acknowledgements[1].at < fetches[2].at)
        }
    }
}
