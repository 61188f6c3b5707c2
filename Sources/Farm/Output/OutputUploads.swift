import FarmModel
import Foundation
import Storage

/// Accepts rendered frames from workers (protocol.md §3.9 with §13 row 30).
public struct OutputUploads: Sendable {
    let context: FarmContext
    /// The thumbnail pipeline.
    public let pipeline: LastRenderedPipeline

    /// Creates the use case.
    public init(context: FarmContext, pipeline: LastRenderedPipeline) {
        self.context = context
        self.pipeline = pipeline
    }

    /// Queues an image for the task's job: only its assigned worker may upload; 429 when the queue is full.
    public func accept(_ bytes: [UInt8], for taskID: TaskID, from worker: AuthenticatedWorker) async throws {
        let jobID = try await context.database.write { tx in
            try WorkerLifecycle.requireLive(worker, in: tx)
            try tx.workers.touchLastSeen(rowID: worker.rowID)
            guard let task = try tx.tasks.find(taskID, withCommands: false) else { throw FarmError.notFound("task \(taskID) does not exist") }
            guard task.workerRowID == worker.rowID else {
                throw FarmError.conflict("task \(taskID) is not assigned to this worker")
            }
            return task.jobID
        }
        guard pipeline.enqueue(bytes, job: jobID) else {
            throw FarmError.tooManyRequests("too many images are waiting to be processed; try again later")
        }
    }
}
