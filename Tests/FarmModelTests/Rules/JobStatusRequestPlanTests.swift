import FarmModel
import Testing

@Suite("User job status requests (protocol.md §6.5, §13 rows 10 and 19)")
struct JobStatusRequestPlanTests {
    /// Tablao's decided table, written out independently of the implementation.
    static let allowed: Set<String> = [
        "cancel-requested<under-construction", "cancel-requested<queued", "cancel-requested<active",
        "cancel-requested<pause-requested", "cancel-requested<paused",
        "pause-requested<queued", "pause-requested<active",
        "requeueing<active", "requeueing<paused", "requeueing<canceled", "requeueing<failed", "requeueing<completed",
        "queued<under-construction",
    ]

    @Test("Every requested status from every current status", arguments: JobStatus.allCases, JobStatus.allCases)
    func requestIsAllowedOnlyByTheTable(requested: JobStatus, current: JobStatus) {
        let plan = JobStatusRequestPlan(requesting: requested, current: current)
        if requested == current {
            #expect(plan == .noChange)
        } else if Self.allowed.contains("\(requested.rawValue)<\(current.rawValue)") {
            guard case .change(let change) = plan else {
                Issue.record("expected a change plan, got \(plan)")
                return
            }
            #expect(change.storedStatus == requested)
            #expect(change.clearsFailureState == (requested == .requeueing))
        } else {
            #expect(plan == .rejected(current: current, requested: requested))
        }
    }

    @Test("Statuses reached only through the state machine can never be requested")
    func machineOnlyStatusesHaveNoSources() {
        for status in [JobStatus.active, .paused, .canceled, .completed, .failed, .underConstruction] {
            #expect(JobStatusRequestPlan.allowedSources(for: status).isEmpty)
        }
    }

    @Test("Cancelling a job cancels paused tasks too and resolves to canceled at once")
    func cancelCancelsPausedTasksAndResolves() throws {
        let change = try #require(Self.change(.cancelRequested, from: .paused))
        #expect(change.taskMoves == [TaskStatusMove(from: [.active, .queued, .softFailed, .paused], to: .canceled)])
        let after = TaskStatusCounts([.paused: 3, .completed: 1, .active: 1]).applying(change.taskMoves)
        #expect(after == TaskStatusCounts([.canceled: 4, .completed: 1]))
        #expect(change.resolvedStatus(given: after) == .canceled)
        #expect(!change.clearsFailureState)
    }

    @Test("Pausing holds back waiting tasks and becomes paused only when nothing is active")
    func pauseWaitsForActiveTasks() throws {
        let change = try #require(Self.change(.pauseRequested, from: .active))
        #expect(change.taskMoves == [TaskStatusMove(from: [.queued, .softFailed], to: .paused)])
        let busy = TaskStatusCounts([.queued: 2, .softFailed: 1, .active: 1]).applying(change.taskMoves)
        #expect(busy == TaskStatusCounts([.paused: 3, .active: 1]))
        #expect(change.resolvedStatus(given: busy) == nil)
        #expect(change.resolvedStatus(given: TaskStatusCounts([.paused: 3, .completed: 1])) == .paused)
    }

    @Test("Requeueing a completed job requeues every task and clears failure state")
    func requeueFromCompletedRequeuesAll() throws {
        let change = try #require(Self.change(.requeueing, from: .completed))
        #expect(change.taskMoves == [.requeueAll])
        #expect(change.clearsFailureState)
        let after = TaskStatusCounts([.completed: 4]).applying(change.taskMoves)
        #expect(after == TaskStatusCounts([.queued: 4]))
        #expect(change.resolvedStatus(given: after) == .queued)
    }

    @Test(
        "Requeueing an unfinished job requeues only unfinished tasks",
        arguments: [JobStatus.active, .paused, .canceled, .failed]
    )
    func requeueFromUnfinishedKeepsCompletedAndActive(current: JobStatus) throws {
        let change = try #require(Self.change(.requeueing, from: current))
        #expect(change.taskMoves == [TaskStatusMove(from: [.canceled, .failed, .paused, .softFailed], to: .queued)])
        #expect(change.clearsFailureState)
        let before = TaskStatusCounts([.completed: 2, .active: 1, .canceled: 1, .failed: 1, .paused: 1, .softFailed: 1])
        let after = before.applying(change.taskMoves)
        #expect(after == TaskStatusCounts([.completed: 2, .active: 1, .queued: 4]))
        #expect(change.resolvedStatus(given: after) == .queued)
    }

    @Test("A requeued job whose tasks are all completed resolves to completed")
    func requeueOfAllCompletedResolvesCompleted() throws {
        let change = try #require(Self.change(.requeueing, from: .canceled))
        #expect(change.resolvedStatus(given: TaskStatusCounts([.completed: 3])) == .completed)
    }

    @Test("Queueing a job under construction has no task moves and completes an all-completed job")
    func queueFromUnderConstruction() throws {
        let change = try #require(Self.change(.queued, from: .underConstruction))
        #expect(change.taskMoves.isEmpty)
        #expect(!change.clearsFailureState)
        #expect(change.resolvedStatus(given: TaskStatusCounts([.queued: 2])) == nil)
        #expect(change.resolvedStatus(given: TaskStatusCounts([.completed: 2])) == .completed)
    }

    @Test("A machine-driven failure cancels unfinished tasks and stays failed")
    func failedPlanCancelsUnfinished() {
        let plan = JobStatusChangePlan(changingTo: .failed, from: .active)
        #expect(plan.taskMoves == [.cancelUnfinished])
        #expect(plan.followUp == .none)
        #expect(plan.resolvedStatus(given: TaskStatusCounts([.canceled: 3, .failed: 1])) == nil)
    }

    @Test("Follow-ups resolve from the tally after the moves")
    func followUpsResolve() {
        let busy = TaskStatusCounts([.active: 1, .queued: 1])
        let done = TaskStatusCounts([.completed: 2])
        #expect(JobStatusFollowUp.none.resolvedStatus(given: done) == nil)
        #expect(JobStatusFollowUp.cancel.resolvedStatus(given: busy) == .canceled)
        #expect(JobStatusFollowUp.requeue.resolvedStatus(given: busy) == .queued)
        #expect(JobStatusFollowUp.requeue.resolvedStatus(given: done) == .completed)
        #expect(JobStatusFollowUp.pause.resolvedStatus(given: busy) == nil)
        #expect(JobStatusFollowUp.pause.resolvedStatus(given: done) == .paused)
        #expect(JobStatusFollowUp.completeIfAllCompleted.resolvedStatus(given: busy) == nil)
        #expect(JobStatusFollowUp.completeIfAllCompleted.resolvedStatus(given: done) == .completed)
    }

    private static func change(_ requested: JobStatus, from current: JobStatus) -> JobStatusChangePlan? {
        guard case .change(let plan) = JobStatusRequestPlan(requesting: requested, current: current) else { return nil }
        return plan
    }
}
