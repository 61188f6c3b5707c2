import FarmModel
import Foundation
import SQLite
@testable import Storage
import Testing

@Suite("Workers left for a task (protocol.md §8.4)")
struct WorkersLeftTests {
    @Test("Deleted, non-supporting, blocklisted and failed workers are excluded; offline and busy ones count")
    func untaggedJob() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let (job, t) = try farm.job("j", tasks: [Farm.task("render"), Farm.task("other render")])
            let (otherJob, _) = try farm.job("other", tasks: [Farm.task("x")])

            try farm.worker("offline, capable")
            let awake = try farm.worker("awake, capable", types: ["ffmpeg", "blender"])
            try tx.workers.saveState(rowID: awake.rowID, WorkerStatusState(status: .awake))
            let deleted = try farm.worker("deleted")
            try tx.workers.softDelete(rowID: deleted.rowID)
            try farm.worker("ffmpeg only", types: ["ffmpeg"])
            let blocked = try farm.worker("blocked")
            try tx.failures.block(jobRowID: job.rowID, workerRowID: blocked.rowID, taskType: "blender")
            let blockedForOtherType = try farm.worker("blocked for ffmpeg")
            try tx.failures.block(jobRowID: job.rowID, workerRowID: blockedForOtherType.rowID, taskType: "ffmpeg")
            let blockedElsewhere = try farm.worker("blocked on another job")
            try tx.failures.block(jobRowID: otherJob.rowID, workerRowID: blockedElsewhere.rowID, taskType: "blender")
            let failed = try farm.worker("failed it")
            try tx.failures.recordFailure(taskRowID: t[0], workerRowID: failed.rowID)
            let errored = try farm.worker("in error")
            try tx.workers.saveState(rowID: errored.rowID, WorkerStatusState(status: .error))

            // offline, awake, blocked-for-ffmpeg, blocked-elsewhere, in error.
            #expect(try tx.failures.workersLeft(taskRowID: t[0]) == 5)
            // The failure list is per task: the sibling task still counts the worker that failed the first.
            #expect(try tx.failures.workersLeft(taskRowID: t[1]) == 6)

            try tx.failures.recordFailure(taskRowID: t[0], workerRowID: awake.rowID)
            #expect(try tx.failures.workersLeft(taskRowID: t[0]) == 4)
            try tx.workers.softDelete(rowID: errored.rowID)
            #expect(try tx.failures.workersLeft(taskRowID: t[0]) == 3)
        }
    }

    @Test("A tagged job counts only members of its tag")
    func taggedJob() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let member = try farm.worker("member")
            let failedMember = try farm.worker("failed member")
            let outsider = try farm.worker("outsider")
            let gpu = try farm.tag("gpu", members: [member, failedMember])
            let (job, t) = try farm.job("j", tag: gpu, tasks: [Farm.task("render")])
            try tx.failures.recordFailure(taskRowID: t[0], workerRowID: failedMember.rowID)
            #expect(try tx.failures.workersLeft(taskRowID: t[0]) == 1)
            try tx.tags.setTags(ofWorker: outsider.rowID, to: [gpu.id])
            #expect(try tx.failures.workersLeft(taskRowID: t[0]) == 2)
            try tx.jobs.setTag(rowID: job.rowID, tagRowID: nil)
            #expect(try tx.failures.workersLeft(taskRowID: t[0]) == 2)
            try tx.failures.clearFailures(jobRowID: job.rowID)
            #expect(try tx.failures.workersLeft(taskRowID: t[0]) == 3)
        }
    }

    @Test("Failure lists count distinct workers, and per-job failure counts follow the task type")
    func failureCounts() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let w1 = try farm.worker("w1", types: ["blender", "ffmpeg"])
            let w2 = try farm.worker("w2")
            let (job, t) = try farm.job(
                "j", tasks: [Farm.task("a"), Farm.task("b"), Farm.task("v", type: "ffmpeg")])
            #expect(try tx.failures.recordFailure(taskRowID: t[0], workerRowID: w1.rowID) == 1)
            #expect(try tx.failures.recordFailure(taskRowID: t[0], workerRowID: w1.rowID) == 1)
            #expect(try tx.failures.recordFailure(taskRowID: t[0], workerRowID: w2.rowID) == 2)
            try tx.failures.recordFailure(taskRowID: t[1], workerRowID: w1.rowID)
            try tx.failures.recordFailure(taskRowID: t[2], workerRowID: w1.rowID)
            #expect(try tx.failures.failureCount(jobRowID: job.rowID, workerRowID: w1.rowID, taskType: "blender") == 2)
            #expect(try tx.failures.failureCount(jobRowID: job.rowID, workerRowID: w1.rowID, taskType: "ffmpeg") == 1)
            #expect(try tx.failures.failedWorkers(taskRowID: t[0]).map(\.name) == ["w1", "w2"])
        }
    }
}
