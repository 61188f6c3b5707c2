import FarmModel
import Testing

@Suite("Returning tasks to the pool and step counters (protocol.md §6.4, §4.10)")
struct TaskPoolReturnTests {
    @Test("A returned task is paused in a pausing or paused job, else queued", arguments: JobStatus.allCases)
    func targetFollowsJobStatus(_ job: JobStatus) {
        let back = TaskPoolReturn(jobStatus: job, reason: "worker signed off")
        let expected: TaskStatus = job == .pauseRequested || job == .paused ? .paused : .queued
        #expect(back.targetStatus == expected)
        #expect(back.activity == "Task was \(expected.rawValue) by Manager because worker signed off")
    }

    @Test("The activity sentence names the target and the reason")
    func activitySentence() {
        #expect(
            TaskPoolReturn(jobStatus: .active, reason: "worker timed out").activity
                == "Task was queued by Manager because worker timed out")
        #expect(
            TaskPoolReturn(jobStatus: .paused, reason: "worker changed status to asleep").activity
                == "Task was paused by Manager because worker changed status to asleep")
    }

    @Test(
        "steps_total counts at least one step per command",
        arguments: [([3], 3), ([0], 1), ([0, 0, 5], 7), ([], 0), ([-1, 2], 3), ([10, 1], 11)]
    )
    func stepsTotal(counts: [Int], total: Int) {
        #expect(TaskSteps.total(commandStepCounts: counts) == total)
    }

    @Test("Reported steps are clamped to the task's total", arguments: [(5, 3), (3, 3), (2, 2), (-2, 0), (0, 0)])
    func stepsClamped(reported: Int, stored: Int) {
        #expect(TaskSteps.clamped(reported, total: 3) == stored)
    }

    @Test(
        "Completing sets steps to total, queueing resets them, other statuses keep them", arguments: TaskStatus.allCases
    )
    func stepsAfterStatusChange(_ status: TaskStatus) {
        let expected =
            switch status {
            case .completed: 4
            case .queued: 0
            default: 2
            }
        #expect(TaskSteps.completed(afterBecoming: status, current: 2, total: 4) == expected)
    }
}
