import FarmModel
import Foundation
import Storage

/// Applies one task status change inside a transaction: stores it, logs it, and rolls the job up (protocol.md §6.3).
///
/// Every task status change — from a worker, a user, the scheduler, a timeout or a requeue — goes through here.
struct TaskStatusChanger {
    let tx: StorageTransaction
    let logs: TaskLogLines

    /// Changes `task` to `status`; a no-op (apart from activity) when it already has that status.
    func change(_ task: FarmTask, to status: TaskStatus, activity: String? = nil) throws {
        try tx.tasks.setStatus(rowID: task.rowID, to: status, activity: activity)
        guard task.status != status else { return }
        logs.appendNote(
            "task changed status \(task.status.rawValue) -> \(status.rawValue)", of: task)
        try rollUpJob(of: task, after: status)
    }

    /// Logs and rolls up a change to `status` that the caller's own UPDATE already stored (the scheduler's assignment
    /// sets `active` with the worker), writing `notes` after the status line in the same log write.
    func recordStoredChange(_ task: FarmTask, to status: TaskStatus, notes: [String]) throws {
        guard task.status != status else {
            logs.appendNotes(notes, of: task)
            return
        }
        logs.appendNotes(
            ["task changed status \(task.status.rawValue) -> \(status.rawValue)"] + notes, of: task)
        try rollUpJob(of: task, after: status)
    }

    /// Re-evaluates the job after one of its tasks became `status`.
    func rollUpJob(of task: FarmTask, after status: TaskStatus) throws {
        guard let job = try tx.jobs.facts(rowID: task.jobRowID) else { return }
        let counts = try tx.tasks.counts(ofJob: task.jobRowID)
        let rollUp = JobRollUp.after(taskBecame: status, jobStatus: job.status, counts: counts)
        guard let newJobStatus = rollUp.jobStatus else { return }
        for effect in rollUp.effects {
            let move = effect.taskMove
            try tx.tasks.moveAll(
                ofJob: task.jobRowID, from: move.sources.subtracting([move.target]), to: move.target,
                activity: "Task was \(move.target.rawValue) because the job became \(newJobStatus.rawValue)")
        }
        try tx.jobs.setStatus(
            rowID: task.jobRowID, to: newJobStatus,
            activity: "Job \(newJobStatus.rawValue) after task \(task.name) became \(status.rawValue)")
    }
}
