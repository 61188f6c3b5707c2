import FarmModel
import Testing

/// A failure-decision case with fixed counts; `left` is the same at both checkpoints.
struct FailureCase: Sendable, CustomTestStringConvertible {
    let nTask: Int
    let nJob: Int
    let left: Int
    let verdict: TaskFailureVerdict
    let blocklists: Bool
    let checkpoints: [WorkersLeftCheckpoint]
    var testDescription: String { "n_task=\(nTask) n_job=\(nJob) left=\(left) ⇒ \(verdict)" }
}

@Suite("Failure handling, intended rules (protocol.md §8.2, §13 rows 15–17)")
struct TaskFailureDecisionTests {
    static let rows: [FailureCase] = [
        FailureCase(
            nTask: 1, nJob: 1, left: 2, verdict: .softFailTask, blocklists: false, checkpoints: [.beforeSoftFailing]),
        // Two capable workers: the first failure leaves one other worker, so the task is only soft-failed.
        FailureCase(
            nTask: 1, nJob: 1, left: 1, verdict: .softFailTask, blocklists: false, checkpoints: [.beforeSoftFailing]),
        FailureCase(
            nTask: 1, nJob: 1, left: 0, verdict: .failJob, blocklists: false, checkpoints: [.beforeSoftFailing]),
        FailureCase(nTask: 3, nJob: 1, left: 0, verdict: .hardFailTask, blocklists: false, checkpoints: []),
        FailureCase(nTask: 4, nJob: 1, left: 5, verdict: .hardFailTask, blocklists: false, checkpoints: []),
        // The second failure on the job does not blocklist yet (Flamenco blocks one failure early).
        FailureCase(
            nTask: 1, nJob: 2, left: 2, verdict: .softFailTask, blocklists: false, checkpoints: [.beforeSoftFailing]),
        FailureCase(
            nTask: 1, nJob: 3, left: 1, verdict: .softFailTask, blocklists: true,
            checkpoints: [.afterBlocklisting, .beforeSoftFailing]),
        FailureCase(
            nTask: 3, nJob: 3, left: 2, verdict: .hardFailTask, blocklists: true, checkpoints: [.afterBlocklisting]),
        FailureCase(nTask: 1, nJob: 3, left: 0, verdict: .failJob, blocklists: true, checkpoints: [.afterBlocklisting]),
        FailureCase(nTask: 3, nJob: 4, left: 0, verdict: .failJob, blocklists: true, checkpoints: [.afterBlocklisting]),
    ]

    @Test("Decisions follow the algorithm's steps in order", arguments: rows)
    func decisionFollowsSteps(_ row: FailureCase) {
        var asked: [WorkersLeftCheckpoint] = []
        let facts = TaskFailureFacts(taskType: "blender", failingWorkerCount: row.nTask, workerFailuresOnJob: row.nJob)
        let decision = TaskFailureDecision.deciding(facts, thresholds: .standard) { checkpoint in
            asked.append(checkpoint)
            return row.left
        }
        #expect(decision.verdict == row.verdict)
        #expect(decision.blocklistsWorker == row.blocklists)
        #expect(decision.requeuesWorkersFailedTasks == (row.blocklists && row.left > 0))
        #expect(decision.taskStatus == (row.verdict == .softFailTask ? .softFailed : .failed))
        #expect(asked == row.checkpoints)
        #expect(decision.taskLogNotes.count == (row.blocklists ? 2 : 1))
    }

    @Test("Soft-failure notes say how many failures remain")
    func softFailureNotes() {
        let note = { (nTask: Int) in
            TaskFailureDecision.deciding(
                TaskFailureFacts(taskType: "misc", failingWorkerCount: nTask, workerFailuresOnJob: 1),
                thresholds: .standard, workersLeft: { _ in 5 }
            ).taskLogNotes
        }
        #expect(note(1) == ["Task failed by 1 worker, 2 more failures before it is hard-failed"])
        #expect(note(2) == ["Task failed by 2 workers, 1 more failure before it is hard-failed"])
        #expect(note(3) == ["Task failed by 3 workers, reaching the limit of 3: it is now hard-failed"])
    }

    @Test("Blocklisting with nobody left notes both and names the task type")
    func blocklistAndFailJobNotes() {
        let decision = TaskFailureDecision.deciding(
            TaskFailureFacts(taskType: "ffmpeg", failingWorkerCount: 1, workerFailuresOnJob: 3),
            thresholds: .standard, workersLeft: { _ in 0 })
        #expect(
            decision.taskLogNotes == [
                "Worker blocklisted for \"ffmpeg\" tasks of this job after 3 failures",
                "Task failed by 1 worker and no other worker can run \"ffmpeg\" tasks of this job: failing the job",
            ])
        #expect(
            TaskFailureDecision.jobFailureReason(taskType: "ffmpeg")
                == "no workers left to run tasks of type \"ffmpeg\"")
    }

    @Test("Custom thresholds are honoured")
    func customThresholds() {
        let thresholds = TaskFailureThresholds(blocklistThreshold: 1, failAfterSoftFailCount: 1)
        let decision = TaskFailureDecision.deciding(
            TaskFailureFacts(taskType: "misc", failingWorkerCount: 1, workerFailuresOnJob: 1),
            thresholds: thresholds, workersLeft: { _ in 4 })
        #expect(decision.blocklistsWorker)
        #expect(decision.requeuesWorkersFailedTasks)
        #expect(decision.verdict == .hardFailTask)
    }

    struct CountingFailed: Error {}

    @Test("An error while counting workers propagates unchanged")
    func countingErrorPropagates() {
        let facts = TaskFailureFacts(taskType: "misc", failingWorkerCount: 1, workerFailuresOnJob: 1)
        #expect(throws: CountingFailed.self) {
            try TaskFailureDecision.deciding(facts, thresholds: .standard) { (_) throws(CountingFailed) -> Int in
                throw CountingFailed()
            }
        }
    }
}
