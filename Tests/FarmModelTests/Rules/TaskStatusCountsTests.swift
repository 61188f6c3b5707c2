import FarmModel
import Testing

@Suite("Task status tallies")
struct TaskStatusCountsTests {
    @Test("Counting statuses gives per-status counts and the total")
    func countsStatusesAndTotal() {
        let counts = TaskStatusCounts(statuses: [.queued, .queued, .active, .failed])
        #expect(counts[.queued] == 2)
        #expect(counts[.active] == 1)
        #expect(counts[.completed] == 0)
        #expect(counts.total == 4)
        #expect(counts.count(in: [.queued, .active]) == 3)
        #expect(counts.hasActiveTask)
        #expect(counts == TaskStatusCounts([.queued: 2, .active: 1, .failed: 1, .paused: 0]))
    }

    @Test(
        "The failed percentage is floored",
        arguments: [(failed: 1, total: 10, percent: 10), (1, 11, 9), (2, 19, 10), (1, 3, 33), (0, 5, 0), (0, 0, 0)]
    )
    func failedPercentageIsFloored(failed: Int, total: Int, percent: Int) {
        let counts = TaskStatusCounts([.failed: failed, .queued: total - failed])
        #expect(counts.failedPercentage == percent)
    }

    @Test("All tasks completed only when none is in another status")
    func allCompletedRequiresEveryTask() {
        #expect(TaskStatusCounts([.completed: 3]).areAllCompleted)
        #expect(!TaskStatusCounts([.completed: 3, .canceled: 1]).areAllCompleted)
        #expect(TaskStatusCounts().areAllCompleted)
    }

    @Test("Applying a bulk move moves exactly the source statuses")
    func applyingMoveMovesSources() {
        let before = TaskStatusCounts([.canceled: 1, .failed: 2, .paused: 1, .softFailed: 1, .completed: 3, .active: 1])
        let after = before.applying(.requeueUnfinished)
        #expect(after == TaskStatusCounts([.queued: 5, .completed: 3, .active: 1]))
        #expect(before.applying(.requeueAll) == TaskStatusCounts([.queued: 9]))
        #expect(TaskStatusMove.requeueAll.moves(.completed))
        #expect(!TaskStatusMove.requeueAll.moves(.queued))
    }
}
