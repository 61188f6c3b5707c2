import FarmModel
import Testing

@Suite("User task status requests (protocol.md §6.5, §6.6)")
struct TaskStatusRequestDecisionTests {
    /// The decided task table, written out independently of the implementation.
    static let allowed: [TaskStatus: Set<TaskStatus>] = [
        .queued: [.canceled, .failed, .softFailed, .completed, .paused],
        .canceled: [.queued, .active, .softFailed, .paused],
    ]

    @Test("Every requested status from every current status", arguments: TaskStatus.allCases, TaskStatus.allCases)
    func requestIsAllowedOnlyByTheTable(requested: TaskStatus, current: TaskStatus) {
        let decision = TaskStatusRequestDecision(requesting: requested, current: current)
        if Self.allowed[requested, default: []].contains(current) {
            #expect(decision == .allowed(clearsFailureList: requested == .queued))
        } else {
            #expect(decision == .rejected(current: current, requested: requested))
        }
    }

    @Test("Requeueing a failed task by request clears its failure list")
    func requeueClearsFailureList() {
        #expect(TaskStatusRequestDecision(requesting: .queued, current: .failed) == .allowed(clearsFailureList: true))
        #expect(
            TaskStatusRequestDecision(requesting: .canceled, current: .active) == .allowed(clearsFailureList: false))
    }

    @Test("Requesting the current status is rejected", arguments: TaskStatus.allCases)
    func sameStatusIsRejected(_ status: TaskStatus) {
        #expect(
            TaskStatusRequestDecision(requesting: status, current: status)
                == .rejected(current: status, requested: status))
    }
}
