import AsyncHTTPClient

/// SIGKILLs the manager at random points of the workload and restarts it on the same database.
///
/// Kill points are drawn as fractions of the tasks (5–90 % completed unless a ``window`` is given), so every kill
/// lands mid-run however fast the build is; a random delay of up to 20 ms after the threshold and a random down time of up to 300 ms vary what
/// is in flight and how many requests find the manager gone.
struct Killer {
    let manager: ManagerProcess
    let http: HTTPClient
    let ledger: EventLedger
    let kills: Int
    let totalTasks: Int
    /// The fractions of the tasks completed between which the kills land.
    var window: ClosedRange<Double> = 0.05...0.90
    var random: SeededGenerator
    let progress: @Sendable (String) -> Void

    /// Runs every kill and restart; throws `CancellationError` if the run ends first.
    mutating func run() async throws {
        let thresholds = (0..<kills).map { _ in
            Int(Double(totalTasks) * Double.random(in: window, using: &random))
        }.sorted()
        for (index, threshold) in thresholds.enumerated() {
            while ledger.completedTaskCount < threshold { try await Task.sleep(for: .milliseconds(2)) }
            try await Task.sleep(for: .microseconds(Int.random(in: 0..<20_000, using: &random)))
            let completed = ledger.completedTaskCount
            await manager.kill()
            ledger.recordKill()
            let downTime = Int.random(in: 0..<300, using: &random)
            progress("kill \(index + 1)/\(kills): SIGKILL at \(completed)/\(totalTasks) completed; down \(downTime) ms")
            try await Task.sleep(for: .milliseconds(downTime))
            let restart = ContinuousClock.now
            try await manager.start(client: http)
            let backAfter = Int((ContinuousClock.now - restart).seconds * 1000)
            progress("kill \(index + 1)/\(kills): manager answering again \(backAfter) ms after its restart")
        }
    }
}
