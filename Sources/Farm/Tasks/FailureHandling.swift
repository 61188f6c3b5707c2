import FarmModel
import Foundation
import Storage

/// A worker's `failed` report: failure list, blocklist, soft or hard failure, job failure (protocol.md §8.2,
/// Tablao's intended rules of §13 rows 15–17).
struct FailureHandling {
    let tx: StorageTransaction
    let logs: TaskLogLines
    let thresholds: TaskFailureThresholds

    func handleFailure(of task: FarmTask, by workerRowID: Int64) throws {
        let failures = tx.failures
        let failingWorkers = try failures.recordFailure(taskRowID: task.rowID, workerRowID: workerRowID)
        let workerFailuresOnJob = try failures.failureCount(
            jobRowID: task.jobRowID, workerRowID: workerRowID, taskType: task.taskType)
        let facts = TaskFailureFacts(
            taskType: task.taskType, failingWorkerCount: failingWorkers, workerFailuresOnJob: workerFailuresOnJob)
        // The blocklist entry must exist before "workers left" is counted after blocklisting.
        if workerFailuresOnJob >= thresholds.blocklistThreshold {
            try failures.block(jobRowID: task.jobRowID, workerRowID: workerRowID, taskType: task.taskType)
        }
        let decision = try TaskFailureDecision.deciding(facts, thresholds: thresholds) { _ in
            try failures.workersLeft(taskRowID: task.rowID)
        }
        for note in decision.taskLogNotes {
            logs.appendNote(note, of: task)
        }
        let pool = TaskPool(tx: tx, logs: logs)
        if decision.requeuesWorkersFailedTasks {
            for failed in try tx.tasks.tasks(ofJob: task.jobRowID, in: [.failed])
            where failed.workerRowID == workerRowID && failed.rowID != task.rowID {
                try pool.returnTask(failed, reason: "its worker was blocklisted for this job")
            }
        }
        let changer = TaskStatusChanger(tx: tx, logs: logs)
        switch decision.verdict {
        case .softFailTask: try changer.change(task, to: .softFailed)
        case .hardFailTask: try changer.change(task, to: .failed)
        case .failJob:
            try changer.change(task, to: .failed)
            try failJob(task.jobRowID, reason: TaskFailureDecision.jobFailureReason(taskType: task.taskType))
        }
    }

    /// Fails a job and cancels its unfinished tasks, unless the roll-up already did.
    private func failJob(_ jobRowID: Int64, reason: String) throws {
        guard let job = try tx.jobs.find(rowID: jobRowID), job.status != .failed else { return }
        let move = TaskStatusMove.cancelUnfinished
        try tx.tasks.moveAll(ofJob: jobRowID, from: move.sources, to: move.target, activity: "Task canceled: \(reason)")
        try tx.jobs.setStatus(rowID: jobRowID, to: .failed, activity: reason)
    }
}
