import Foundation

/// One scripted answer of the stand-in Manager: a status with an optional body, possibly late, or a connection reset
/// (the worker sees a network-level error).
struct StandInReply: Sendable {
    var status: Int
    var body = Data()
    var contentType: String? = nil
    /// How long the stand-in waits before answering ("slow Manager").
    var delay: Duration = .zero
    /// Close the connection without answering.
    var resetsConnection = false

    /// 204 without a body.
    static let noContent = StandInReply(status: 204)
    /// 202 without a body (output-produced).
    static let accepted = StandInReply(status: 202)
    /// The connection is closed before any answer: a network error for the worker.
    static let reset = StandInReply(status: 0, resetsConnection: true)
    /// 200 with a body that is not JSON.
    static let notJSON = StandInReply(status: 200, body: Data("ok".utf8), contentType: "text/plain")

    /// `status` with `object` as JSON.
    static func json(_ status: Int, _ object: Any) -> StandInReply {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return StandInReply(status: status, body: data, contentType: "application/json")
    }

    /// An `Error` body with `status`.
    static func error(_ status: Int, _ message: String = "scripted failure") -> StandInReply {
        json(status, ["message": message])
    }

    /// `WorkerStateChange` (sign-on 200, state 200, task 423).
    static func stateRequest(_ state: String, status: Int = 200) -> StandInReply {
        json(status, ["status_requested": state])
    }

    /// `MayKeepRunning`.
    static func mayKeepRunning(_ allowed: Bool, statusChangeRequested: Bool = false) -> StandInReply {
        json(200, ["mayKeepRunning": allowed, "reason": allowed ? "" : "scripted", "statusChangeRequested": statusChangeRequested])
    }

    /// 200 `AssignedTask` with `commands` (each `{name, parameters, total_step_count}`).
    static func assign(taskID: String, commands: [[String: Any]]) -> StandInReply {
        json(
            200,
            [
                "uuid": taskID, "job": "00000000-0000-4000-8000-0000000000b1", "name": "stand-in task", "status": "active",
                "priority": 50, "job_priority": 50, "job_type": "stand-in", "task_type": "misc", "steps_completed": 0,
                "steps_total": commands.count, "commands": commands,
            ])
    }

    /// This reply, sent after `delay`.
    func delayed(by delay: Duration) -> StandInReply {
        var copy = self
        copy.delay = delay
        return copy
    }
}

/// Command objects for ``StandInReply/assign(taskID:commands:)``.
enum StandInCommand {
    /// `echo` with `message`.
    static func echo(_ message: String) -> [String: Any] {
        ["name": "echo", "parameters": ["message": message], "total_step_count": 0]
    }

    /// `sleep` for `seconds`.
    static func sleep(seconds: Int) -> [String: Any] {
        ["name": "sleep", "parameters": ["duration_in_seconds": seconds], "total_step_count": 0]
    }

    /// `exec` of `exe` with `args`.
    static func exec(_ exe: String, _ args: [String]) -> [String: Any] {
        ["name": "exec", "parameters": ["exe": exe, "args": args], "total_step_count": 0]
    }

    /// `/bin/sh -c script`.
    static func shell(_ script: String) -> [String: Any] { exec("/bin/sh", ["-c", script]) }
}

/// A fresh lower-case task UUID.
func newTaskID() -> String { UUID().uuidString.lowercased() }
