/// The configurable limits of failure handling (protocol.md §8.1).
public struct TaskFailureThresholds: Sendable, Hashable {
    /// Failures of one worker on one job and task type after which it is blocklisted for them.
    public var blocklistThreshold: Int
    /// Distinct workers that must fail a task before it is hard-failed.
    public var failAfterSoftFailCount: Int

    /// Creates thresholds.
    public init(blocklistThreshold: Int, failAfterSoftFailCount: Int) {
        self.blocklistThreshold = blocklistThreshold
        self.failAfterSoftFailCount = failAfterSoftFailCount
    }

    /// Flamenco's defaults: three strikes, so one flaky machine or one bad frame does not doom a job.
    public static let standard = TaskFailureThresholds(blocklistThreshold: 3, failAfterSoftFailCount: 3)
}

/// What is known when a worker reports `failed` for its task, after its failure-list entry was added (§8.2 step 1).
public struct TaskFailureFacts: Sendable, Hashable {
    /// The failed task's task type (for blocklisting and the log note).
    public var taskType: String
    /// `n_task`: distinct workers in the task's failure list, including this one.
    public var failingWorkerCount: Int
    /// `n_job`: this worker's failure-list entries on this job's tasks of this type, including this one.
    public var workerFailuresOnJob: Int

    /// Creates the facts.
    public init(taskType: String, failingWorkerCount: Int, workerFailuresOnJob: Int) {
        self.taskType = taskType
        self.failingWorkerCount = failingWorkerCount
        self.workerFailuresOnJob = workerFailuresOnJob
    }
}

/// When the failure algorithm needs `left`, the count of workers that could still run the task (§8.4).
public enum WorkersLeftCheckpoint: Sendable, Hashable {
    /// Step 2: just after this worker was added to the job's blocklist.
    case afterBlocklisting
    /// Step 4: before soft-failing the task.
    case beforeSoftFailing
}

/// How a worker's failure is settled.
public enum TaskFailureVerdict: Sendable, Hashable {
    /// The task goes `soft-failed` and other workers retry it.
    case softFailTask
    /// The task goes `failed` (the roll-up may then fail the job, §6.3).
    case hardFailTask
    /// The task goes `failed` and the job goes `failed`: nobody is left to run it.
    case failJob
}
