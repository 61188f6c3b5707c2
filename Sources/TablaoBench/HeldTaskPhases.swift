import Foundation
import NIOCore
import NIOHTTP1

/// Phases where each worker holds one active task: log-carrying task updates, and may-i-run.
enum HeldTaskPhases {
    /// Five log lines of 75 bytes each (74 characters and a newline).
    static let logLines: String = (1...5).map { line in
        let text = "Fra:1 Mem:512.00M (Peak 1024.00M) | Time:00:0\(line).00 | Rendering 1 / 64 samples"
        return String(text.padding(toLength: 74, withPad: ".", startingAt: 0)) + "\n"
    }.joined()

    /// Gives every worker a task to hold (requeueing completed jobs as the schedule phase does, if needed).
    static func acquireTasks(_ http: BenchHTTP, workers: [BenchWorker]) async throws -> [BenchWorker] {
        try await withThrowingTaskGroup(of: BenchWorker.self) { group in
            for worker in workers {
                group.addTask {
                    var worker = worker
                    let answer = try await http.expect(
                        [200], .POST, "/api/v3/worker/task", authorization: worker.authorization)
                    worker.task = try answer.decode(AssignedTaskFields.self).uuid
                    return worker
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Task updates (status active, an activity and five log lines) per second, with their latencies.
    static func updates(_ http: BenchHTTP, workers: [BenchWorker], warmUp: Duration, measure: Duration) async
        -> LoadGenerator.Result
    {
        let body = BenchHTTP.json(["taskStatus": "active", "activity": "Rendering frame", "log": logLines])
        return await LoadGenerator.run(states: workers, warmUp: warmUp, measure: measure) { worker in
            let start = ContinuousClock.now
            try await http.expect(
                [204], .POST, "/api/v3/worker/task/\(worker.task ?? "")", authorization: worker.authorization,
                body: body)
            return LoadGenerator.milliseconds(since: start)
        }
    }

    /// may-i-run checks per second, with their latencies.
    static func mayIRun(_ http: BenchHTTP, workers: [BenchWorker], warmUp: Duration, measure: Duration) async
        -> LoadGenerator.Result
    {
        await LoadGenerator.run(states: workers, warmUp: warmUp, measure: measure) { worker in
            let start = ContinuousClock.now
            try await http.expect(
                [200], .GET, "/api/v3/worker/task/\(worker.task ?? "")/may-i-run",
                authorization: worker.authorization)
            return LoadGenerator.milliseconds(since: start)
        }
    }
}
