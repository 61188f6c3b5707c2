import FarmModel
import Foundation
import Storage

/// Answers a worker's may-i-run poll (protocol.md §3.8) and keeps a running task from timing out.
public struct MayKeepRunningCheck: Sendable {
    let context: FarmContext

    /// Creates the use case.
    public init(context: FarmContext) { self.context = context }

    /// Whether the worker may keep running the task; `true` also touches the task.
    public func answer(_ taskID: TaskID, for worker: AuthenticatedWorker) async throws -> MayKeepRunningAnswer {
        try await context.database.write { tx in
            let current = try WorkerLifecycle.liveWorker(worker, in: tx)
            try tx.workers.touchLastSeen(rowID: worker.rowID)
            let task = try tx.tasks.find(taskID, withCommands: false)
            let answer = MayKeepRunningAnswer(
                taskStatus: task?.status, isAssignedToWorker: task?.workerRowID == worker.rowID,
                pendingRequest: current.state.request)
            if answer.mayKeepRunning, let task { try tx.tasks.touch(rowID: task.rowID) }
            return answer
        }
    }
}
