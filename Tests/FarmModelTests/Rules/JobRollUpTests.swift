import FarmModel
import Testing

/// One row of the §6.3 roll-up table: a task became `task` in a job that was `job`.
struct RollUpCase: Sendable, CustomTestStringConvertible {
    let task: TaskStatus
    let job: JobStatus
    let counts: [TaskStatus: Int]
    let expected: JobStatus?
    var effects: [JobRollUpEffect] = []
    var testDescription: String {
        "task → \(task.rawValue) in \(job.rawValue) job \(counts) ⇒ \(expected?.rawValue ?? "unchanged")"
    }
}

@Suite("Job roll-up after a task status change (protocol.md §6.3)")
struct JobRollUpTests {
    static let activeOrSoftFailed: [RollUpCase] = [
        RollUpCase(task: .active, job: .queued, counts: [.active: 1, .queued: 3], expected: .active),
        RollUpCase(task: .active, job: .active, counts: [.active: 2, .queued: 2], expected: nil),
        RollUpCase(task: .active, job: .cancelRequested, counts: [.active: 1], expected: nil),
        RollUpCase(task: .active, job: .paused, counts: [.active: 1, .paused: 1], expected: .active),
        RollUpCase(task: .softFailed, job: .queued, counts: [.softFailed: 1, .queued: 3], expected: .active),
        RollUpCase(task: .softFailed, job: .active, counts: [.softFailed: 1, .active: 1], expected: nil),
        RollUpCase(task: .softFailed, job: .cancelRequested, counts: [.softFailed: 1], expected: nil),
        // §13 row 18 (decided): the pause request survives a soft failure.
        RollUpCase(
            task: .softFailed, job: .pauseRequested, counts: [.softFailed: 1, .active: 1, .paused: 2], expected: nil),
        RollUpCase(task: .softFailed, job: .pauseRequested, counts: [.softFailed: 1, .paused: 2], expected: .paused),
    ]

    static let completed: [RollUpCase] = [
        RollUpCase(task: .completed, job: .active, counts: [.completed: 4], expected: .completed),
        RollUpCase(task: .completed, job: .queued, counts: [.completed: 1], expected: .completed),
        RollUpCase(task: .completed, job: .pauseRequested, counts: [.completed: 4], expected: .completed),
        RollUpCase(task: .completed, job: .pauseRequested, counts: [.completed: 1, .paused: 3], expected: .paused),
        RollUpCase(
            task: .completed, job: .pauseRequested, counts: [.completed: 1, .active: 1, .paused: 2], expected: nil),
        RollUpCase(task: .completed, job: .queued, counts: [.completed: 1, .queued: 3], expected: .active),
        RollUpCase(task: .completed, job: .active, counts: [.completed: 1, .queued: 3], expected: nil),
        RollUpCase(task: .completed, job: .completed, counts: [.completed: 4], expected: nil),
    ]

    static let failed: [RollUpCase] = [
        RollUpCase(
            task: .failed, job: .active, counts: [.failed: 1, .queued: 9], expected: .failed,
            effects: [.cancelUnfinishedTasks]),
        RollUpCase(
            task: .failed, job: .active, counts: [.failed: 2, .completed: 17], expected: .failed,
            effects: [.cancelUnfinishedTasks]),
        RollUpCase(
            task: .failed, job: .queued, counts: [.failed: 1], expected: .failed, effects: [.cancelUnfinishedTasks]),
        RollUpCase(
            task: .failed, job: .pauseRequested, counts: [.failed: 1, .paused: 1], expected: .failed,
            effects: [.cancelUnfinishedTasks]),
        // 1 of 11 is 9.09 %, floored to 9: below the threshold.
        RollUpCase(task: .failed, job: .active, counts: [.failed: 1, .queued: 10], expected: nil),
        RollUpCase(task: .failed, job: .queued, counts: [.failed: 1, .queued: 10], expected: .active),
        RollUpCase(task: .failed, job: .pauseRequested, counts: [.failed: 1, .paused: 10], expected: .paused),
        RollUpCase(task: .failed, job: .pauseRequested, counts: [.failed: 1, .active: 1, .paused: 9], expected: nil),
        RollUpCase(task: .failed, job: .failed, counts: [.failed: 2, .canceled: 2], expected: nil),
    ]

    static let canceledPausedQueued: [RollUpCase] = [
        RollUpCase(
            task: .canceled, job: .active, counts: [.canceled: 1, .completed: 2, .failed: 0, .paused: 1],
            expected: .canceled),
        RollUpCase(task: .canceled, job: .queued, counts: [.canceled: 4], expected: .canceled),
        RollUpCase(task: .canceled, job: .active, counts: [.canceled: 1, .queued: 1], expected: nil),
        RollUpCase(task: .canceled, job: .active, counts: [.canceled: 1, .softFailed: 1], expected: nil),
        RollUpCase(task: .canceled, job: .active, counts: [.canceled: 1, .active: 1], expected: nil),
        RollUpCase(
            task: .canceled, job: .pauseRequested, counts: [.canceled: 1, .queued: 1, .paused: 2], expected: .paused),
        RollUpCase(
            task: .canceled, job: .pauseRequested, counts: [.canceled: 1, .active: 1, .paused: 2], expected: nil),
        RollUpCase(task: .canceled, job: .canceled, counts: [.canceled: 3], expected: nil),
        RollUpCase(task: .paused, job: .pauseRequested, counts: [.paused: 3, .completed: 1], expected: .paused),
        RollUpCase(task: .paused, job: .pauseRequested, counts: [.paused: 2, .active: 1], expected: nil),
        RollUpCase(task: .paused, job: .active, counts: [.paused: 1, .queued: 2], expected: nil),
        RollUpCase(
            task: .queued, job: .completed, counts: [.queued: 1, .completed: 3], expected: .queued,
            effects: [.requeueAllTasks]),
        RollUpCase(task: .queued, job: .active, counts: [.queued: 1, .completed: 3], expected: nil),
        RollUpCase(task: .queued, job: .failed, counts: [.queued: 1, .failed: 3], expected: nil),
        RollUpCase(task: .queued, job: .paused, counts: [.queued: 1, .paused: 3], expected: nil),
    ]

    @Test(
        "Every row of the roll-up table",
        arguments: activeOrSoftFailed + completed + failed + canceledPausedQueued
    )
    func rollUpFollowsTheTable(_ row: RollUpCase) {
        let rollUp = JobRollUp.after(taskBecame: row.task, jobStatus: row.job, counts: TaskStatusCounts(row.counts))
        #expect(rollUp.jobStatus == row.expected)
        #expect(rollUp.effects == row.effects)
    }

    @Test("The roll-up never proposes the status the job already has", arguments: TaskStatus.allCases)
    func rollUpNeverReproposesCurrentStatus(_ task: TaskStatus) {
        let others: [[TaskStatus]] = [
            [], [.active], Array(repeating: .queued, count: 20), Array(repeating: .completed, count: 9),
        ]
        for job in JobStatus.allCases {
            for other in others {
                let counts = TaskStatusCounts(statuses: [task] + other)
                let rollUp = JobRollUp.after(taskBecame: task, jobStatus: job, counts: counts)
                #expect(rollUp.jobStatus != job)
                if rollUp.jobStatus == nil { #expect(rollUp.effects.isEmpty) }
            }
        }
    }

    @Test("Roll-up effects name the bulk move that carries them out")
    func effectsMapToTheirBulkMoves() {
        #expect(JobRollUpEffect.requeueAllTasks.taskMove == TaskStatusMove(from: Set(TaskStatus.allCases), to: .queued))
        #expect(
            JobRollUpEffect.cancelUnfinishedTasks.taskMove
                == JobStatusChangePlan(changingTo: .failed, from: .active).taskMoves.first)
    }

    @Test("The job-failure threshold is ten percent")
    func failureThresholdIsTenPercent() {
        #expect(JobRollUp.failedTaskPercentageThreshold == 10)
    }
}
