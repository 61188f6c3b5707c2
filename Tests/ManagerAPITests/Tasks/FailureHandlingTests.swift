import Farm
import FarmModel
import Foundation
import HTTPTypes
import Storage
import Testing

/// A worker's `taskStatus: failed` over HTTP with the default thresholds (protocol.md §8; checklist items 24–27,
/// §13 rows 15–17).
@Suite struct FailureHandlingTests {
    private func uuid(_ body: JSONValue) throws -> String { try #require(body["uuid"].stringValue) }

    @Test func firstFailureSoftFailsAndTheThirdDistinctWorkerHardFails() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(20))
                let target = job.task(0).id.rawValue
                let one = try await api.awakeWorker(name: "one")
                let two = try await api.awakeWorker(name: "two")
                let three = try await api.awakeWorker(name: "three")

                #expect(try uuid(try await api.takeTask(one)) == target)
                try await api.report(one, target, "failed", log: "exit status 1")
                let stored = try await farm.task(job.task(0).id)
                #expect(stored.status == .softFailed)
                #expect(farm.log(of: stored).contains("exit status 1"))
                #expect(try await farm.job(job.id).status == .active)
                // The failing worker no longer gets that task: it moves on to the next one.
                #expect(try uuid(try await api.takeTask(one)) == job.task(1).id.rawValue)

                #expect(try uuid(try await api.takeTask(two)) == target)
                try await api.report(two, target, "failed")
                #expect(try await farm.task(job.task(0).id).status == .softFailed)

                #expect(try uuid(try await api.takeTask(three)) == target)
                try await api.report(three, target, "failed")
                let hardFailed = try await farm.task(job.task(0).id)
                #expect(hardFailed.status == .failed)
                let failedBy = try await farm.database.read { tx in
                    try tx.failures.failedWorkers(taskRowID: hardFailed.rowID)
                }
                #expect(Set(failedBy.map(\.name)) == ["one", "two", "three"])
                // 1 of 20 failed (5 %): the job keeps running.
                #expect(try await farm.job(job.id).status == .active)
                #expect(try uuid(try await api.takeTask(three)) == job.task(2).id.rawValue)
            }
        }
    }

    @Test func jobWithTenPercentFailedTasksFailsAndCancelsTheRest() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(10))
                let target = job.task(0).id.rawValue
                let one = try await api.awakeWorker(name: "one")
                let two = try await api.awakeWorker(name: "two")
                let three = try await api.awakeWorker(name: "three")
                #expect(try uuid(try await api.takeTask(one)) == target)
                try await api.report(one, target, "failed")
                let running = try uuid(try await api.takeTask(one))  // task 1, stays active
                #expect(try uuid(try await api.takeTask(two)) == target)
                try await api.report(two, target, "failed")
                let softFailed = try uuid(try await api.takeTask(two))  // task 2, soft-failed below
                try await api.report(two, softFailed, "failed")
                #expect(try uuid(try await api.takeTask(three)) == target)
                try await api.report(three, target, "failed")

                #expect(try await farm.job(job.id).status == .failed)
                let statuses = try await farm.tasks(of: job.id).map(\.status)
                #expect(statuses == [.failed] + Array(repeating: TaskStatus.canceled, count: 9))
                let mayRun = try expectJSON(try await api.mayIRun(one, running), .ok)
                #expect(mayRun["mayKeepRunning"] == .bool(false))
                #expect(mayRun["reason"] == .string(#"task is in non-runnable status "canceled""#))
                for worker in [one, two, three] { expectEmpty(try await api.requestTask(worker), .noContent) }
            }
        }
    }

    @Test func workerIsBlocklistedAtItsThirdFailureOnAJobAndTaskTypeNotTheSecond() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(
                    name: "main", priority: 60,
                    tasks: Seed.tasks(20) + [Seed.task("blender-task", type: "blender", priority: 0)])
                let later = try await farm.seedJob(name: "later", priority: 10, tasks: [Seed.task("later-task")])
                let one = try await api.awakeWorker(name: "one")
                let two = try await api.awakeWorker(name: "two")
                let three = try await api.awakeWorker(name: "three")

                // Task 0 is hard-failed by three workers, `one` last: its first failure on this job.
                for worker in [two, three, one] {
                    #expect(try uuid(try await api.takeTask(worker)) == job.task(0).id.rawValue)
                    try await api.report(worker, job.task(0).id.rawValue, "failed")
                }
                #expect(try await farm.task(job.task(0).id).status == .failed)

                // Second failure of `one`: soft failure, not blocked yet.
                #expect(try uuid(try await api.takeTask(one)) == job.task(1).id.rawValue)
                try await api.report(one, job.task(1).id.rawValue, "failed")
                #expect(try await farm.database.read { tx in try tx.failures.blocklist(jobRowID: job.job.rowID) }.isEmpty)
                #expect(try uuid(try await api.takeTask(one)) == job.task(2).id.rawValue)

                // Third failure: blocked for `misc` on this job; its hard-failed task 0 goes back to the pool.
                try await api.report(one, job.task(2).id.rawValue, "failed")
                let blocklist = try await farm.database.read { tx in try tx.failures.blocklist(jobRowID: job.job.rowID) }
                #expect(blocklist.map(\.worker.name) == ["one"])
                #expect(blocklist.map(\.taskType) == ["misc"])
                #expect(try await farm.task(job.task(0).id).status == .queued)
                #expect(try await farm.task(job.task(2).id).status == .softFailed)
                #expect(try await farm.job(job.id).status == .active)

                // `one` still runs other types of this job, and `misc` of other jobs.
                #expect(try uuid(try await api.takeTask(one)) == job.task(20).id.rawValue)
                try await api.report(one, job.task(20).id.rawValue, "completed")
                #expect(try uuid(try await api.takeTask(one)) == later.task(0).id.rawValue)
                try await api.report(one, later.task(0).id.rawValue, "completed")
                expectEmpty(try await api.requestTask(one), .noContent)
                // The requeued task 0 keeps its failure list: only a worker that never failed it gets it.
                #expect(try uuid(try await api.takeTask(two)) == job.task(1).id.rawValue)
                let four = try await api.awakeWorker(name: "four")
                #expect(try uuid(try await api.takeTask(four)) == job.task(0).id.rawValue)
            }
        }
    }

    @Test func jobFailsWhenNoCapableWorkerRemains() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(20, type: "blender"))
                let one = try await api.awakeWorker(name: "one", taskTypes: ["blender"])
                let two = try await api.awakeWorker(name: "two", taskTypes: ["blender"])
                _ = try await api.awakeWorker(name: "misc-only", taskTypes: ["misc"])
                let target = job.task(0).id.rawValue

                #expect(try uuid(try await api.takeTask(one)) == target)
                try await api.report(one, target, "failed")
                // `two` can still run it: only a soft failure.
                #expect(try await farm.task(job.task(0).id).status == .softFailed)
                #expect(try await farm.job(job.id).status == .active)

                #expect(try uuid(try await api.takeTask(two)) == target)
                try await api.report(two, target, "failed")
                // Two distinct failures (below the hard-fail count of 3), but no capable worker is left.
                #expect(try await farm.task(job.task(0).id).status == .failed)
                #expect(try await farm.job(job.id).status == .failed)
                let statuses = try await farm.tasks(of: job.id).dropFirst().map(\.status)
                #expect(statuses.allSatisfy { $0 == .canceled })
            }
        }
    }

    @Test func deletedWorkersDoNotCountAsCapable() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(20, type: "blender"))
                let one = try await api.awakeWorker(name: "one", taskTypes: ["blender"])
                let gone = try await api.awakeWorker(name: "gone", taskTypes: ["blender"])
                try await farm.softDelete(gone)
                #expect(try uuid(try await api.takeTask(one)) == job.task(0).id.rawValue)
                try await api.report(one, job.task(0).id.rawValue, "failed")
                #expect(try await farm.job(job.id).status == .failed)
            }
        }
    }
}
