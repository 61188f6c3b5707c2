import Foundation
import NIOCore
import NIOHTTP1

/// The scheduling cycle of a worker: request a task, report it active, report it completed. The worker that
/// completes a job's last task (its video task) requeues the job, so the farm keeps its depth during the run.
enum SchedulePhase {
    static let active = BenchHTTP.json(["taskStatus": "active", "activity": "Rendering"])
    static let completed = BenchHTTP.json(["taskStatus": "completed", "activity": "Finished"])
    static let requeue = BenchHTTP.json(["status": "requeueing", "reason": "tablao-bench keeps the farm's depth"])

    /// Cycles per second and the task request's latencies (ms).
    static func run(_ http: BenchHTTP, workers: [BenchWorker], warmUp: Duration, measure: Duration) async
        -> LoadGenerator.Result
    {
        await LoadGenerator.run(states: workers, warmUp: warmUp, measure: measure) { worker in
            let start = ContinuousClock.now
            let answer = try await http.expect(
                [200, 204], .POST, "/api/v3/worker/task", authorization: worker.authorization)
            let latency = LoadGenerator.milliseconds(since: start)
            guard answer.status == 200 else {
                try await Task.sleep(for: .milliseconds(20))
                throw NoTaskAvailable()
            }
            let task = try answer.decode(AssignedTaskFields.self)
            let path = "/api/v3/worker/task/\(task.uuid)"
            try await http.expect([204], .POST, path, authorization: worker.authorization, body: active)
            try await http.expect([204], .POST, path, authorization: worker.authorization, body: completed)
            if task.name == "preview-video" {
                try await http.expect(
                    [204, 409, 422], .POST, "/api/v3/jobs/\(task.job)/setstatus", body: requeue)
            }
            return latency
        }
    }
}
