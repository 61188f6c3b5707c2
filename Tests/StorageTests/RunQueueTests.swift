import FarmModel
import Foundation
import SQLite
@testable import Storage
import Testing

@Suite("Scheduling through the run queue")
struct RunQueueTests {
    /// Hands out tasks to `worker` until none is left, assigning each so it leaves the queue.
    private func drain(_ farm: Farm, for worker: Worker) throws -> [Int64] {
        var order: [Int64] = []
        while let next = try farm.next(for: worker) {
            try #require(order.count < 100, "the run queue kept answering")
            order.append(next)
            try farm.tx.tasks.assign(rowID: next, to: worker.rowID)
        }
        return order
    }

    @Test("Tasks come by job priority, then task priority, then insertion order")
    func orderIsJobPriorityTaskPriorityInsertion() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1", types: ["blender", "ffmpeg"])
            let (_, low) = try farm.job(
                "low", priority: 10,
                tasks: [Farm.task("l0", priority: 10), Farm.task("l1", priority: 30), Farm.task("l2", type: "ffmpeg", priority: 30)])
            let (_, high) = try farm.job(
                "high", priority: 70, tasks: [Farm.task("h0", priority: 5), Farm.task("h1", type: "ffmpeg", priority: 5)])
            let (_, highLater) = try farm.job("high later", priority: 70, tasks: [Farm.task("k0", priority: 6)])
            #expect(try drain(farm, for: worker) == [highLater[0], high[0], high[1], low[1], low[2], low[0]])
        }
    }

    @Test("A task with unfinished dependencies is skipped until they complete")
    func dependenciesHoldTasksBack() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1")
            let (_, t) = try farm.job(
                "j", tasks: [Farm.task("a", priority: 1), Farm.task("b", priority: 99, dependencies: [0])])
            #expect(try farm.next(for: worker) == t[0])
            try tx.tasks.assign(rowID: t[0], to: worker.rowID)
            #expect(try farm.next(for: worker) == nil)
            try tx.tasks.setStatus(rowID: t[0], to: .failed)
            #expect(try farm.next(for: worker) == nil)
            try tx.tasks.setStatus(rowID: t[0], to: .completed)
            #expect(try farm.next(for: worker) == t[1])
            try tx.tasks.setStatus(rowID: t[0], to: .queued)
            #expect(try farm.next(for: worker) == t[0])
        }
    }

    @Test("Only task types the worker supports are handed out; a worker matching nothing gets nil")
    func onlySupportedTypes() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let (_, t) = try farm.job(
                "j", tasks: [Farm.task("render", type: "blender", priority: 90), Farm.task("video", type: "ffmpeg", priority: 10)])
            #expect(try farm.next(for: farm.worker("ffmpeg only", types: ["ffmpeg"])) == t[1])
            #expect(try farm.next(for: farm.worker("both", types: ["ffmpeg", "blender"])) == t[0])
            #expect(try farm.next(for: farm.worker("misc", types: ["misc", "Blender"])) == nil)
            #expect(try farm.next(for: farm.worker("nothing", types: [])) == nil)
        }
    }

    @Test("A tagged job goes only to members of its tag, and tagged workers still get untagged jobs")
    func tagsRestrictTaggedJobsOnly() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let member = try farm.worker("member")
            let outsider = try farm.worker("outsider")
            let otherMember = try farm.worker("other tag member")
            let gpu = try farm.tag("gpu", members: [member])
            _ = try farm.tag("cpu", members: [otherMember])
            let (_, tagged) = try farm.job("tagged", priority: 90, tag: gpu, tasks: [Farm.task("t")])
            #expect(try farm.next(for: outsider) == nil)
            #expect(try farm.next(for: otherMember) == nil)
            #expect(try farm.next(for: member) == tagged[0])

            let (_, untagged) = try farm.job("untagged", priority: 10, tasks: [Farm.task("u")])
            #expect(try farm.next(for: outsider) == untagged[0])
            #expect(try farm.next(for: otherMember) == untagged[0])
            #expect(try farm.next(for: member) == tagged[0])
            try tx.tasks.assign(rowID: tagged[0], to: member.rowID)
            #expect(try farm.next(for: member) == untagged[0])
        }
    }

    @Test("A worker on a task's failure list skips that task; other workers still get it")
    func failureListSkipsOnlyThatWorker() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let failed = try farm.worker("failed it")
            let fresh = try farm.worker("fresh")
            let (_, t) = try farm.job("j", tasks: [Farm.task("a", priority: 90), Farm.task("b", priority: 10)])
            try tx.failures.recordFailure(taskRowID: t[0], workerRowID: failed.rowID)
            try tx.tasks.setStatus(rowID: t[0], to: .softFailed)
            #expect(try farm.next(for: failed) == t[1])
            #expect(try farm.next(for: fresh) == t[0])
            try tx.failures.clearFailures(taskRowID: t[0])
            #expect(try farm.next(for: failed) == t[0])
        }
    }

    @Test("A blocklisted (job, worker, type) skips that job's tasks of that type only")
    func blocklistSkipsJob() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let blocked = try farm.worker("blocked", types: ["blender", "ffmpeg"])
            let other = try farm.worker("other", types: ["blender", "ffmpeg"])
            let (job, t) = try farm.job(
                "j", priority: 90, tasks: [Farm.task("a", priority: 90), Farm.task("v", type: "ffmpeg", priority: 10)])
            let (_, elsewhere) = try farm.job("elsewhere", priority: 10, tasks: [Farm.task("e")])
            try tx.failures.block(jobRowID: job.rowID, workerRowID: blocked.rowID, taskType: "blender")
            #expect(try farm.next(for: blocked) == t[1])
            #expect(try farm.next(for: other) == t[0])
            try tx.failures.block(jobRowID: job.rowID, workerRowID: blocked.rowID, taskType: "ffmpeg")
            #expect(try farm.next(for: blocked) == elsewhere[0])
            try tx.failures.unblock(jobRowID: job.rowID, workerID: blocked.id, taskType: "blender")
            #expect(try farm.next(for: blocked) == t[0])
            try tx.failures.clearBlocklist(jobRowID: job.rowID)
            #expect(try tx.failures.blocklist(jobRowID: job.rowID).isEmpty)
        }
    }

    @Test("Only tasks of queued and active jobs are handed out", arguments: JobStatus.allCases)
    func onlyQueuedAndActiveJobs(status: JobStatus) throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1")
            let (job, t) = try farm.job("j", status: status, tasks: [Farm.task("a")])
            #expect(try farm.next(for: worker) == (status.isSchedulable ? t[0] : nil))
            // The same holds when the job reaches the status later.
            try tx.jobs.setStatus(rowID: job.rowID, to: .queued)
            #expect(try farm.next(for: worker) == t[0])
            try tx.jobs.setStatus(rowID: job.rowID, to: status)
            #expect(try farm.next(for: worker) == (status.isSchedulable ? t[0] : nil))
        }
    }

    @Test("A job whose deletion was requested is skipped")
    func deletionRequestedJobIsSkipped() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1")
            let (doomed, _) = try farm.job("doomed", priority: 90, tasks: [Farm.task("a")])
            let (_, kept) = try farm.job("kept", priority: 10, tasks: [Farm.task("b")])
            try tx.jobs.requestDeletion(rowID: doomed.rowID)
            #expect(try farm.next(for: worker) == kept[0])
        }
    }

    @Test("Only queued and soft-failed tasks are handed out", arguments: TaskStatus.allCases)
    func onlyQueuedAndSoftFailedTasks(status: TaskStatus) throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1")
            let (_, t) = try farm.job("j", tasks: [Farm.task("a")])
            try tx.tasks.setStatus(rowID: t[0], to: status)
            #expect(try farm.next(for: worker) == (status.isSchedulable ? t[0] : nil))
        }
    }

    @Test("The best task is found across several supported types and tags")
    func bestAcrossTypesAndTags() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1", types: ["a", "b", "c"])
            let one = try farm.tag("one", members: [worker])
            let two = try farm.tag("two", members: [worker])
            let (_, t1) = try farm.job("ja", priority: 50, tag: one, tasks: [Farm.task("x", type: "a", priority: 50)])
            let (_, t2) = try farm.job("jb", priority: 50, tag: two, tasks: [Farm.task("y", type: "b", priority: 60)])
            let (_, t3) = try farm.job("jc", priority: 50, tasks: [Farm.task("z", type: "c", priority: 60)])
            #expect(try drain(farm, for: worker) == [t2[0], t3[0], t1[0]])
        }
    }

    @Test("The run-queue queries walk the tasks_run_queue index, with no table scan and no sort", arguments: [false, true])
    func queryPlanUsesRunQueueIndex(tagged: Bool) throws {
        try withMigratedDatabase { connection, tx in
            // Some rows, so the planner is not looking at an empty table.
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1")
            for index in 0..<20 { try farm.job("j\(index)", priority: index % 3, tasks: [Farm.task("a"), Farm.task("b")]) }
            try connection.execute("ANALYZE")
            let sql = tagged ? RunQueue.taggedSQL : RunQueue.untaggedSQL
            var arguments: [SQLiteValue] = ["blender"]
            if tagged { arguments.append(1) }
            arguments += [.integer(worker.rowID), .integer(worker.rowID)]
            let plan = try connection.fetchAll("EXPLAIN QUERY PLAN " + sql, arguments: arguments) {
                try $0.get("detail", as: String.self)
            }
            let text = plan.joined(separator: "\n")
            #expect(plan.contains { $0.contains("USING INDEX tasks_run_queue") }, "\(text)")
            #expect(plan.contains { $0.hasPrefix("SEARCH tasks USING INDEX tasks_run_queue") }, "\(text)")
            #expect(!text.contains("SCAN tasks"), "\(text)")
            #expect(!text.contains("TEMP B-TREE"), "\(text)")
        }
    }

    @Test("The queued task types and tags are the distinct ones of runnable tasks only")
    func queuedTypesAndTagsComeFromTheRunQueue() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1")
            let gpu = try farm.tag("gpu", members: [worker])
            let cpu = try farm.tag("cpu", members: [])
            try farm.job("a", tasks: [Farm.task("r1", type: "blender"), Farm.task("r2", type: "blender")])
            try farm.job("b", tag: gpu, tasks: [Farm.task("v", type: "ffmpeg"), Farm.task("w", type: "misc", dependencies: [0])])
            try farm.job("c", tag: cpu, tasks: [Farm.task("x", type: "blender")])
            try farm.job("paused", status: .paused, tasks: [Farm.task("p", type: "paused-only")])
            // "misc" waits for a dependency and "paused-only" belongs to a paused job: neither is runnable.
            #expect(try tx.runQueue.queuedTaskTypes() == ["blender", "ffmpeg"])
            #expect(try tx.runQueue.queuedTagRowIDs(ofType: "blender") == [cpu.rowID])
            #expect(try tx.runQueue.queuedTagRowIDs(ofType: "ffmpeg") == [gpu.rowID])
            #expect(try tx.runQueue.queuedTagRowIDs(ofType: "misc") == [])
        }
    }

    @Test("A worker row claiming 150,000 task types and 40 tags (as an older Manager stored) gets its task")
    func hugeClaimedListsStillFindTheTask() throws {
        try withMigratedDatabase { _, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("greedy", types: (0..<150_000).map { "type-\($0)" } + ["blender"])
            var tags: [WorkerTag] = []
            for index in 0..<40 { tags.append(try farm.tag("t\(index)", members: [worker])) }
            try farm.job("not mine", priority: 90, tasks: [Farm.task("o", type: "unclaimed")])
            let (_, mine) = try farm.job("mine", priority: 10, tag: tags[39], tasks: [Farm.task("m", type: "blender")])
            #expect(try farm.next(for: worker) == mine[0])
        }
    }

    @Test("The skip scans over queued types and tags seek the run-queue index without sorting", arguments: [false, true])
    func skipScanPlansUseTheRunQueueIndex(tags: Bool) throws {
        try withMigratedDatabase { connection, tx in
            let farm = Farm(tx: tx)
            for index in 0..<20 { try farm.job("j\(index)", tasks: [Farm.task("a", type: "t\(index % 4)")]) }
            try connection.execute("ANALYZE")
            let sql = tags ? RunQueue.queuedTagsSQL : RunQueue.queuedTypesSQL
            let arguments: [SQLiteValue] = tags ? ["t1"] : []
            let plan = try connection.fetchAll("EXPLAIN QUERY PLAN " + sql, arguments: arguments) {
                try $0.get("detail", as: String.self)
            }
            let text = plan.joined(separator: "\n")
            let onTasks = plan.filter { $0.contains(" tasks") }
            #expect(!onTasks.isEmpty, "\(text)")
            #expect(onTasks.allSatisfy { $0.contains("INDEX tasks_run_queue") }, "\(text)")
            #expect(!text.contains("TEMP B-TREE"), "\(text)")
        }
    }
}
