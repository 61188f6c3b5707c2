import Foundation
import NIOHTTP1

/// One simulated Flamenco worker: registers, signs on, reports `awake`, then requests and completes tasks until
/// every task of the workload is done. It rides out manager kills by retrying whatever got no answer.
struct SimulatedWorker {
    let number: Int
    let client: ManagerClient
    let ledger: EventLedger
    let totalTasks: Int
    let mayIRunProbability: Double
    var random: SeededGenerator

    private var name: String { "torture-worker-\(number)" }

    /// Runs until the workload is done; throws only `CancellationError` (the run's time-out).
    mutating func run() async throws {
        let credentials = try await register()
        try await signOn(credentials)
        let client = self.client  // captured by the request closures while `exchange` mutates `random`
        while true {
            let answer = try await exchange(.taskRequest, "request a task") {
                try await client.send(.POST, "/api/v3/worker/task", as: credentials)
            }
            switch answer.status {
            case 200:
                guard let task = answer.decode(WireBody.AssignedTask.self) else {
                    ledger.recordUnexpected("\(name): undecodable assignment: \(answer.text)")
                    continue
                }
                ledger.recordAssignment(task: task.uuid, worker: number)
                try await work(on: task.uuid, credentials)
            case 204:
                if ledger.completedTaskCount >= totalTasks { return }
                try await pause(milliseconds: 50...150)
            default:
                ledger.recordUnexpected("\(name): task request answered \(answer.status): \(answer.text)")
                try await pause(milliseconds: 100...200)
            }
        }
    }

    /// Optionally asks may-i-run, then reports the task completed, retrying until the manager answers.
    private mutating func work(on task: String, _ credentials: WorkerCredentials) async throws {
        let client = self.client
        if Double.random(in: 0..<1, using: &random) < mayIRunProbability {
            ledger.recordMayIRun()
            let answer = try await exchange(.mayIRun, "may-i-run") {
                try await client.send(.GET, "/api/v3/worker/task/\(task)/may-i-run", as: credentials)
            }
            let verdict = answer.decode(WireBody.MayKeepRunning.self)
            guard answer.status == 200, let verdict, verdict.mayKeepRunning else {
                // A real worker would abandon the task here; none should ever be told to in this workload.
                ledger.recordUnexpected(
                    "\(name): may-i-run for task \(task) answered \(answer.status): \(answer.text)")
                return
            }
        }
        let update = WireBody.json([
            "taskStatus": "completed", "activity": "Finished", "log": "\(name) rendered task \(task)",
        ])
        let answer = try await exchange(.completion, "complete task \(task)") {
            try await client.send(.POST, "/api/v3/worker/task/\(task)", as: credentials, json: update)
        }
        if answer.status == 204 {
            ledger.recordCompletion(task: task, worker: number)
        } else {
            ledger.recordUnexpected("\(name): completion of task \(task) answered \(answer.status): \(answer.text)")
        }
    }

    private mutating func register() async throws -> WorkerCredentials {
        let client = self.client
        let secret = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0 ... .max, using: &random)) }.joined()
        let body = WireBody.json([
            "name": name, "secret": secret, "platform": "linux", "supported_task_types": ["misc"],
        ])
        while true {
            let answer = try await exchange(.startUp, "register") {
                try await client.send(.POST, "/api/v3/worker/register-worker", json: body)
            }
            if answer.status == 200, let registered = answer.decode(WireBody.RegisteredWorker.self) {
                ledger.recordRegistration(worker: number, id: registered.uuid)
                return WorkerCredentials(id: registered.uuid, secret: secret)
            }
            ledger.recordUnexpected("\(name): registration answered \(answer.status): \(answer.text)")
            try await pause(milliseconds: 100...200)
        }
    }

    /// Signs on and reports `awake` (protocol.md §3.0 start-up).
    private mutating func signOn(_ credentials: WorkerCredentials) async throws {
        let client = self.client
        let signOn = WireBody.json([
            "name": name, "supported_task_types": ["misc"], "software_version": "tablao-torture", "can_restart": false,
        ])
        while true {
            let answer = try await exchange(.startUp, "sign on") {
                try await client.send(.POST, "/api/v3/worker/sign-on", as: credentials, json: signOn)
            }
            if answer.status == 200, answer.decode(WireBody.StateChange.self)?.statusRequested == "awake" { break }
            ledger.recordUnexpected("\(name): sign-on answered \(answer.status): \(answer.text)")
            try await pause(milliseconds: 100...200)
        }
        let awake = WireBody.json(["status": "awake"])
        while true {
            let answer = try await exchange(.startUp, "report awake") {
                try await client.send(.POST, "/api/v3/worker/state-changed", as: credentials, json: awake)
            }
            if answer.status == 204 { return }
            ledger.recordUnexpected("\(name): state-changed answered \(answer.status): \(answer.text)")
            try await pause(milliseconds: 100...200)
        }
    }

    /// Sends until some answer arrives: requests that got none, and 503 (busy), are retried after a short backoff;
    /// other 5xx answers are recorded as unexpected and retried too, so no update is ever dropped.
    private mutating func exchange(
        _ kind: EventLedger.RequestKind, _ what: String, _ request: () async throws -> ManagerClient.Answer
    ) async throws -> ManagerClient.Answer {
        while true {
            try Task.checkCancellation()
            let answer: ManagerClient.Answer
            do {
                answer = try await request()
            } catch {
                try Task.checkCancellation()
                ledger.recordConnectionError(kind)
                try await pause(milliseconds: 10...60)
                continue
            }
            switch answer.status {
            case 503:
                try await pause(milliseconds: 50...150)
            case 500...599:
                ledger.recordUnexpected("\(name): \(what) answered \(answer.status): \(answer.text)")
                try await pause(milliseconds: 50...150)
            default:
                return answer
            }
        }
    }

    private mutating func pause(milliseconds range: ClosedRange<Int>) async throws {
        try await Task.sleep(for: .milliseconds(Int.random(in: range, using: &random)))
    }
}
