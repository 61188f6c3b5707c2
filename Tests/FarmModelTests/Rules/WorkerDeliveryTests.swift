import FarmModel
import Testing

@Suite("Delivering status requests: task requests and may-i-run (protocol.md §3.6, §3.8, §5.3)")
struct WorkerDeliveryTests {
    @Test("A pending request, lazy or not, wins over the awake check", arguments: [true, false])
    func pendingRequestAnswers423(isLazy: Bool) {
        for status in WorkerStatus.allCases {
            let state = WorkerStatusState(status: status, request: WorkerStatusRequest(.asleep, isLazy: isLazy))
            #expect(TaskRequestAdmission(state) == .statusChangeRequested(.asleep))
        }
    }

    @Test("A worker that is not awake gets 409", arguments: WorkerStatus.allCases.filter { $0 != .awake })
    func notAwakeAnswers409(_ status: WorkerStatus) {
        let admission = TaskRequestAdmission(WorkerStatusState(status: status))
        #expect(admission == .notAwake(status))
        #expect(
            admission.notAwakeMessage
                == "worker is in state \"\(status.rawValue)\", requires state \"awake\" to execute tasks")
    }

    @Test("An awake worker with nothing pending may request a task")
    func awakeWorkerMayRequest() {
        let admission = TaskRequestAdmission(WorkerStatusState(status: .awake))
        #expect(admission == .mayRequestTask)
        #expect(admission.notAwakeMessage == nil)
    }

    /// A may-i-run case: the task's status (nil = missing), assignment and the worker's pending request.
    struct MayIRunCase: Sendable, CustomTestStringConvertible {
        let task: TaskStatus?
        let assigned: Bool
        let request: WorkerStatusRequest?
        let expected: MayKeepRunningAnswer
        var testDescription: String {
            "\(task?.rawValue ?? "missing") assigned=\(assigned) \(String(describing: request))"
        }
    }

    static func stop(_ reason: String) -> MayKeepRunningAnswer {
        MayKeepRunningAnswer(mayKeepRunning: false, reason: reason, statusChangeRequested: false)
    }
    static let statusChange = MayKeepRunningAnswer(
        mayKeepRunning: false, reason: "worker status change requested", statusChangeRequested: true)

    static let mayIRunRows: [MayIRunCase] = [
        MayIRunCase(task: nil, assigned: false, request: nil, expected: stop("Task not found")),
        MayIRunCase(
            task: nil, assigned: true, request: WorkerStatusRequest(.asleep, isLazy: false),
            expected: stop("Task not found")),
        MayIRunCase(
            task: .active, assigned: true, request: WorkerStatusRequest(.asleep, isLazy: false), expected: statusChange),
        MayIRunCase(
            task: .canceled, assigned: false, request: WorkerStatusRequest(.offline, isLazy: false),
            expected: statusChange),
        MayIRunCase(task: .active, assigned: false, request: nil, expected: stop("task not assigned to this worker")),
        MayIRunCase(
            task: .queued, assigned: false, request: WorkerStatusRequest(.asleep, isLazy: true),
            expected: stop("task not assigned to this worker")),
        MayIRunCase(
            task: .canceled, assigned: true, request: nil, expected: stop("task is in non-runnable status \"canceled\"")
        ),
        MayIRunCase(
            task: .softFailed, assigned: true, request: nil,
            expected: stop("task is in non-runnable status \"soft-failed\"")),
        MayIRunCase(task: .active, assigned: true, request: nil, expected: .keepRunning),
        MayIRunCase(
            task: .active, assigned: true, request: WorkerStatusRequest(.asleep, isLazy: true), expected: .keepRunning),
    ]

    @Test("May-i-run rows apply in order", arguments: mayIRunRows)
    func mayIRunFollowsTheRows(_ row: MayIRunCase) {
        let answer = MayKeepRunningAnswer(
            taskStatus: row.task, isAssignedToWorker: row.assigned, pendingRequest: row.request)
        #expect(answer == row.expected)
    }

    @Test("Every non-active task status stops the worker", arguments: TaskStatus.allCases.filter { $0 != .active })
    func nonActiveStatusesStop(_ status: TaskStatus) {
        let answer = MayKeepRunningAnswer(taskStatus: status, isAssignedToWorker: true, pendingRequest: nil)
        #expect(!answer.mayKeepRunning)
        #expect(answer.reason == "task is in non-runnable status \"\(status.rawValue)\"")
        #expect(!answer.statusChangeRequested)
    }

    @Test("Keeping running carries an empty reason")
    func keepRunningHasEmptyReason() {
        #expect(MayKeepRunningAnswer.keepRunning.mayKeepRunning)
        #expect(MayKeepRunningAnswer.keepRunning.reason == "")
        #expect(!MayKeepRunningAnswer.keepRunning.statusChangeRequested)
    }
}
