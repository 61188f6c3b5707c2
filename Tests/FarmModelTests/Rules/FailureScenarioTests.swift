import FarmModel
import Testing

/// A minimal in-memory job for failure scenarios: one task type, tasks by name, capable workers by name.
private struct FailureFarm {
    var capableWorkers: Set<String>
    var tasks: [String: TaskStatus]
    var lastWorker: [String: String] = [:]
    var failureLists: [String: Set<String>] = [:]
    var blocklist: Set<String> = []
    var jobStatus: JobStatus = .active
    let thresholds = TaskFailureThresholds.standard

    init(workers: Set<String>, taskCount: Int) {
        capableWorkers = workers
        tasks = Dictionary(uniqueKeysWithValues: (1...taskCount).map { ("t\($0)", TaskStatus.queued) })
    }

    var counts: TaskStatusCounts { TaskStatusCounts(statuses: tasks.values) }

    /// `left` of §8.4: capable, not blocklisted, not in the task's failure list.
    func workersLeft(for task: String) -> Int {
        capableWorkers.subtracting(blocklist).subtracting(failureLists[task, default: []]).count
    }

    /// Carries out §8.2 for `worker` reporting `failed` on `task`, then the roll-up.
    @discardableResult
    mutating func fail(_ task: String, by worker: String) -> TaskFailureDecision {
        tasks[task] = .active
        lastWorker[task] = worker
        failureLists[task, default: []].insert(worker)
        let nJob = failureLists.values.filter { $0.contains(worker) }.count
        let facts = TaskFailureFacts(
            taskType: "blender", failingWorkerCount: failureLists[task]!.count, workerFailuresOnJob: nJob)
        let decision = TaskFailureDecision.deciding(facts, thresholds: thresholds) { [self] checkpoint in
            // The blocklist entry is written before `left` is counted at step 2.
            let blocked = checkpoint == .afterBlocklisting ? blocklist.union([worker]) : blocklist
            return capableWorkers.subtracting(blocked).subtracting(failureLists[task, default: []]).count
        }
        if decision.blocklistsWorker { blocklist.insert(worker) }
        if decision.requeuesWorkersFailedTasks {
            for (name, status) in tasks where status == .failed && lastWorker[name] == worker {
                tasks[name] = TaskPoolReturn(jobStatus: jobStatus, reason: "worker was blocklisted").targetStatus
            }
        }
        tasks[task] = decision.taskStatus
        if decision.verdict == .failJob {
            jobStatus = .failed
        } else {
            let rollUp = JobRollUp.after(taskBecame: decision.taskStatus, jobStatus: jobStatus, counts: counts)
            if let next = rollUp.jobStatus { jobStatus = next }
            for effect in rollUp.effects {
                for (name, status) in tasks where effect.taskMove.moves(status) { tasks[name] = effect.taskMove.target }
            }
        }
        return decision
    }
}

@Suite("Failure scenarios of the compatibility checklist (protocol.md §12 items 24–27)")
struct FailureScenarioTests {
    @Test("Item 24: three capable workers soft-fail a task twice, the third distinct worker hard-fails it")
    func thirdDistinctWorkerHardFails() {
        var farm = FailureFarm(workers: ["a", "b", "c"], taskCount: 20)
        #expect(farm.fail("t1", by: "a").verdict == .softFailTask)
        #expect(farm.tasks["t1"] == .softFailed)
        #expect(farm.workersLeft(for: "t1") == 2)
        #expect(farm.fail("t1", by: "b").verdict == .softFailTask)
        #expect(farm.fail("t1", by: "c").verdict == .hardFailTask)
        #expect(farm.tasks["t1"] == .failed)
        #expect(farm.jobStatus == .active)
    }

    @Test("Item 25: a hard failure at ten percent fails the job and cancels its unfinished tasks")
    func tenPercentFailsJob() {
        var farm = FailureFarm(workers: ["a", "b", "c", "d"], taskCount: 10)
        farm.tasks["t2"] = .completed
        farm.tasks["t3"] = .softFailed
        farm.tasks["t4"] = .paused
        farm.fail("t1", by: "a")
        farm.fail("t1", by: "b")
        #expect(farm.jobStatus == .active)
        farm.fail("t1", by: "c")
        #expect(farm.jobStatus == .failed)
        #expect(farm.counts == TaskStatusCounts([.failed: 1, .completed: 1, .paused: 1, .canceled: 7]))
    }

    @Test("Item 26: the third failure of one worker on a job blocklists it and requeues its failed tasks")
    func repeatedFailuresBlocklist() {
        var farm = FailureFarm(workers: ["a", "b", "c", "d"], taskCount: 20)
        farm.fail("t1", by: "b")
        farm.fail("t1", by: "c")
        #expect(farm.fail("t1", by: "a").verdict == .hardFailTask)
        #expect(farm.fail("t2", by: "a").blocklistsWorker == false)
        #expect(farm.blocklist.isEmpty)
        let third = farm.fail("t3", by: "a")
        #expect(third.blocklistsWorker)
        #expect(third.requeuesWorkersFailedTasks)
        #expect(farm.blocklist == ["a"])
        #expect(farm.tasks["t1"] == .queued)
        #expect(farm.tasks["t3"] == .softFailed)
        #expect(farm.jobStatus == .active)
    }

    @Test("Item 27: with two capable workers the job fails only when the second one fails too")
    func jobFailsWhenNoWorkerIsLeft() {
        var farm = FailureFarm(workers: ["a", "b"], taskCount: 20)
        #expect(farm.fail("t1", by: "a").verdict == .softFailTask)
        #expect(farm.jobStatus == .active)
        #expect(farm.fail("t1", by: "b").verdict == .failJob)
        #expect(farm.tasks["t1"] == .failed)
        #expect(farm.jobStatus == .failed)
    }

    @Test("A single capable worker fails the job at its first failure")
    func singleWorkerFailsJob() {
        var farm = FailureFarm(workers: ["a"], taskCount: 20)
        #expect(farm.fail("t1", by: "a").verdict == .failJob)
        #expect(farm.jobStatus == .failed)
    }
}
