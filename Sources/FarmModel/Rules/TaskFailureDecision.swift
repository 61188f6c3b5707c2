/// The outcome of a worker's `taskStatus: failed` (protocol.md §8.2, the intended rules of §13 rows 15–17).
public struct TaskFailureDecision: Sendable, Hashable {
    /// Add (job, worker, task type) to the job's blocklist.
    public var blocklistsWorker: Bool
    /// Return this job's `failed` tasks last run by this worker to the pool (§6.4); blocklist-and-continue.
    public var requeuesWorkersFailedTasks: Bool
    /// What happens to the task and possibly its job.
    public var verdict: TaskFailureVerdict
    /// Lines for the task log, in order (the caller timestamps them).
    public var taskLogNotes: [String]

    /// Creates a decision from its parts.
    public init(
        blocklistsWorker: Bool,
        requeuesWorkersFailedTasks: Bool,
        verdict: TaskFailureVerdict,
        taskLogNotes: [String]
    ) {
        self.blocklistsWorker = blocklistsWorker
        self.requeuesWorkersFailedTasks = requeuesWorkersFailedTasks
        self.verdict = verdict
        self.taskLogNotes = taskLogNotes
    }

    /// The status the failed task takes.
    public var taskStatus: TaskStatus { verdict == .softFailTask ? .softFailed : .failed }

    /// The job's activity reason when the verdict fails the job.
    public static func jobFailureReason(taskType: String) -> String {
        "no workers left to run tasks of type \"\(taskType)\""
    }

    /// Decides with the intended rules: block at the threshold-th failure, fail the job only when no worker is left.
    ///
    /// - Parameter workersLeft: counts `left` (§8.4) at a checkpoint, seeing the blocklist entry if one was made.
    ///   Because this worker is already in the task's failure list, both checkpoints usually agree.
    public static func deciding<Failure: Error>(
        _ facts: TaskFailureFacts,
        thresholds: TaskFailureThresholds,
        workersLeft: (WorkersLeftCheckpoint) throws(Failure) -> Int
    ) throws(Failure) -> TaskFailureDecision {
        var notes: [String] = []
        let blocklists = facts.workerFailuresOnJob >= thresholds.blocklistThreshold
        if blocklists {
            notes.append(
                "Worker blocklisted for \"\(facts.taskType)\" tasks of this job after "
                    + "\(facts.workerFailuresOnJob) failures")
            if try workersLeft(.afterBlocklisting) <= 0 {
                notes.append(noWorkersLeftNote(facts))
                return TaskFailureDecision(
                    blocklistsWorker: true, requeuesWorkersFailedTasks: false, verdict: .failJob, taskLogNotes: notes)
            }
        }
        let verdict: TaskFailureVerdict
        if facts.failingWorkerCount >= thresholds.failAfterSoftFailCount {
            notes.append(
                "Task failed by \(workers(facts.failingWorkerCount)), reaching the limit of "
                    + "\(thresholds.failAfterSoftFailCount): it is now hard-failed")
            verdict = .hardFailTask
        } else if try workersLeft(.beforeSoftFailing) <= 0 {
            notes.append(noWorkersLeftNote(facts))
            verdict = .failJob
        } else {
            let remaining = thresholds.failAfterSoftFailCount - facts.failingWorkerCount
            let failures = remaining == 1 ? "1 more failure" : "\(remaining) more failures"
            notes.append(
                "Task failed by \(workers(facts.failingWorkerCount)), \(failures) before it is hard-failed")
            verdict = .softFailTask
        }
        return TaskFailureDecision(
            blocklistsWorker: blocklists, requeuesWorkersFailedTasks: blocklists, verdict: verdict,
            taskLogNotes: notes)
    }

    private static func noWorkersLeftNote(_ facts: TaskFailureFacts) -> String {
        "Task failed by \(workers(facts.failingWorkerCount)) and no other worker can run "
            + "\"\(facts.taskType)\" tasks of this job: failing the job"
    }

    private static func workers(_ count: Int) -> String {
        count == 1 ? "1 worker" : "\(count) workers"
    }
}
