import FarmModel
import Foundation
import Storage

/// Returns tasks to the pool: `queued`, or `paused` in a pausing job, with an explaining activity (protocol.md §6.4).
///
/// The worker reference and failure lists are kept.
struct TaskPool {
    let tx: StorageTransaction
    let logs: TaskLogLines

    /// Returns every `active` task of a worker to the pool.
    func returnActiveTasks(ofWorker workerRowID: Int64, reason: String) throws {
        for task in try tx.tasks.activeTasks(ofWorker: workerRowID) {
            try returnTask(task, reason: reason)
        }
    }

    /// Returns one task to the pool.
    func returnTask(_ task: FarmTask, reason: String) throws {
        guard let job = try tx.jobs.facts(rowID: task.jobRowID) else { return }
        let target = TaskPoolReturn(jobStatus: job.status, reason: reason)
        try TaskStatusChanger(tx: tx, logs: logs).change(task, to: target.targetStatus, activity: target.activity)
        logs.appendNote(target.activity, of: task)
    }
}
