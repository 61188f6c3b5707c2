import FarmModel
import Foundation
import SQLite
@testable import Storage
import Testing

@Suite("Triggers keeping scheduling copies and counters")
struct TriggerTests {
    private func column(_ name: String, ofTasks tasks: [Int64], _ connection: Connection) throws -> [Int64?] {
        try tasks.map { task in
            try connection.scalar("SELECT \(name) FROM tasks WHERE id = ?", .integer(task), as: Int64?.self) ?? nil
        }
    }

    /// Expects the trigger-kept counters of a job to equal a fresh aggregate over its tasks.
    private func expectCountersMatchTasks(
        job: Int64, _ connection: Connection, _ step: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let kept = try connection.fetchAll(
            "SELECT status, count FROM job_task_counts WHERE job_id = ? AND count > 0 ORDER BY status", .integer(job)
        ) { "\(try $0.get(0, as: String.self))=\(try $0.get(1, as: Int.self))" }
        let fresh = try connection.fetchAll(
            "SELECT status, count(*) FROM tasks WHERE job_id = ? GROUP BY status ORDER BY status", .integer(job)
        ) { "\(try $0.get(0, as: String.self))=\(try $0.get(1, as: Int.self))" }
        #expect(kept == fresh, "task counts after \(step)", sourceLocation: sourceLocation)
        let keptSteps = try connection.fetchOne(
            "SELECT steps_completed, steps_total FROM jobs WHERE id = ?", .integer(job)
        ) { [try $0.get(0, as: Int.self), try $0.get(1, as: Int.self)] }
        let freshSteps = try connection.fetchOne(
            "SELECT coalesce(sum(steps_completed), 0), coalesce(sum(steps_total), 0) FROM tasks WHERE job_id = ?",
            .integer(job)
        ) { [try $0.get(0, as: Int.self), try $0.get(1, as: Int.self)] }
        #expect(keptSteps == freshSteps, "steps after \(step)", sourceLocation: sourceLocation)
        #expect(
            try connection.count("job_task_counts", where: "count < 0") == 0, "no negative count after \(step)",
            sourceLocation: sourceLocation)
    }

    @Test("A job priority change is copied to its tasks, and only its tasks")
    func priorityIsCopied() throws {
        try withMigratedDatabase { connection, tx in
            let farm = Farm(tx: tx)
            let (job, tasks) = try farm.job("j", priority: 50, tasks: [Farm.task("a"), Farm.task("b")])
            let (_, other) = try farm.job("other", priority: 50, tasks: [Farm.task("c")])
            #expect(try column("job_priority", ofTasks: tasks, connection) == [50, 50])
            try tx.jobs.setPriority(rowID: job.rowID, to: 90)
            #expect(try column("job_priority", ofTasks: tasks, connection) == [90, 90])
            #expect(try column("job_priority", ofTasks: other, connection) == [50])
            try tx.jobs.setPriority(rowID: job.rowID, to: -5)
            #expect(try column("job_priority", ofTasks: tasks, connection) == [-5, -5])
        }
    }

    @Test("A job status change sets its tasks' schedulable copy: only queued and active jobs are schedulable")
    func schedulableFollowsStatus() throws {
        try withMigratedDatabase { connection, tx in
            let (job, tasks) = try Farm(tx: tx).job("j", tasks: [Farm.task("a"), Farm.task("b")])
            #expect(try column("job_schedulable", ofTasks: tasks, connection) == [1, 1])
            try tx.jobs.setStatus(rowID: job.rowID, to: .paused)
            #expect(try column("job_schedulable", ofTasks: tasks, connection) == [0, 0])
            try tx.jobs.setStatus(rowID: job.rowID, to: .active)
            #expect(try column("job_schedulable", ofTasks: tasks, connection) == [1, 1])
            for status in JobStatus.allCases {
                try tx.jobs.setStatus(rowID: job.rowID, to: status)
                let expected: Int64 = status.isSchedulable ? 1 : 0
                #expect(try column("job_schedulable", ofTasks: tasks, connection) == [expected, expected], "\(status)")
            }
        }
    }

    @Test("A deletion request makes a job's tasks unschedulable whatever its status")
    func deletionRequestClearsSchedulable() throws {
        try withMigratedDatabase { connection, tx in
            let (job, tasks) = try Farm(tx: tx).job("j", status: .active, tasks: [Farm.task("a")])
            try tx.jobs.requestDeletion(rowID: job.rowID)
            #expect(try column("job_schedulable", ofTasks: tasks, connection) == [0])
            try tx.jobs.setStatus(rowID: job.rowID, to: .queued)
            #expect(try column("job_schedulable", ofTasks: tasks, connection) == [0])
            #expect(try tx.jobs.find(rowID: job.rowID)?.deleteRequestedAt == testNow)
        }
    }

    @Test("A job tag change is copied to its tasks, and deleting the tag untags them")
    func tagIsCopied() throws {
        try withMigratedDatabase { connection, tx in
            let farm = Farm(tx: tx)
            let tag = try farm.tag("gpu", members: [])
            let (job, tasks) = try farm.job("j", tag: tag, tasks: [Farm.task("a")])
            #expect(try column("job_tag_id", ofTasks: tasks, connection) == [tag.rowID])
            try tx.jobs.setTag(rowID: job.rowID, tagRowID: nil)
            #expect(try column("job_tag_id", ofTasks: tasks, connection) == [nil])
            try tx.jobs.setTag(rowID: job.rowID, tagRowID: tag.rowID)
            #expect(try column("job_tag_id", ofTasks: tasks, connection) == [tag.rowID])
            try tx.tags.delete(rowID: tag.rowID)
            #expect(try column("job_tag_id", ofTasks: tasks, connection) == [nil])
            #expect(try tx.jobs.find(rowID: job.rowID)?.workerTag == nil)
        }
    }

    @Test("A task inserted with wrong job facts gets its job's facts")
    func insertedTaskTakesJobFacts() throws {
        try withMigratedDatabase { connection, tx in
            let farm = Farm(tx: tx)
            let tag = try farm.tag("gpu", members: [])
            let (job, _) = try farm.job("j", priority: 70, tag: tag, tasks: [Farm.task("a")])
            try connection.execute(
                """
                INSERT INTO tasks (uuid, job_id, index_in_job, name, task_type, priority, status,
                                   job_priority, job_schedulable, job_tag_id)
                VALUES (?, ?, 2, 'by hand', 'blender', 50, 'queued', 0, 0, NULL)
                """, .text(TaskID.random().rawValue), .integer(job.rowID))
            let task = connection.lastInsertRowID
            #expect(try column("job_priority", ofTasks: [task], connection) == [70])
            #expect(try column("job_schedulable", ofTasks: [task], connection) == [1])
            #expect(try column("job_tag_id", ofTasks: [task], connection) == [tag.rowID])
            #expect(try tx.tasks.counts(ofJob: job.rowID)[.queued] == 2)
        }
    }

    @Test("Task counts and job steps equal a fresh aggregate after every kind of task change")
    func countersFollowTaskChanges() throws {
        try withMigratedDatabase { connection, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1")
            let (job, t) = try farm.job(
                "j",
                tasks: [
                    Farm.task("a", steps: 3), Farm.task("b", steps: 1), Farm.task("c", steps: 5),
                    Farm.task("d", steps: 2),
                ])
            let (otherJob, _) = try farm.job("other", tasks: [Farm.task("x", steps: 4)])
            try expectCountersMatchTasks(job: job.rowID, connection, "insert")
            let stored = try #require(try tx.jobs.find(rowID: job.rowID))
            #expect(stored.stepsTotal == 11)
            #expect(stored.stepsCompleted == 0)

            let steps: [(String, () throws -> Void)] = [
                ("assign", { try tx.tasks.assign(rowID: t[0], to: worker.rowID) }),
                ("progress", { try tx.tasks.recordProgress(rowID: t[0], activity: "half", stepsCompleted: 2) }),
                ("complete", { try tx.tasks.setStatus(rowID: t[0], to: .completed) }),
                ("fail", { try tx.tasks.setStatus(rowID: t[1], to: .failed) }),
                ("same status again", { try tx.tasks.setStatus(rowID: t[1], to: .failed) }),
                ("requeue", { try tx.tasks.setStatus(rowID: t[1], to: .queued) }),
                ("clamped progress", { try tx.tasks.recordProgress(rowID: t[2], activity: nil, stepsCompleted: 99) }),
                ("pause queued", { try tx.tasks.moveAll(ofJob: job.rowID, from: [.queued], to: .paused, activity: "p") }),
                ("unpause", { try tx.tasks.moveAll(ofJob: job.rowID, from: [.paused], to: .queued, activity: "q") }),
                ("cancel", { try tx.tasks.setStatus(rowID: t[3], to: .canceled) }),
                ("soft-fail", { try tx.tasks.setStatus(rowID: t[3], to: .softFailed) }),
                ("complete another", { try tx.tasks.setStatus(rowID: t[2], to: .completed) }),
                ("delete a task", { try connection.execute("DELETE FROM tasks WHERE id = ?", .integer(t[3])) }),
                ("steps total edited", { try connection.execute("UPDATE tasks SET steps_total = 7 WHERE id = ?", .integer(t[1])) }),
                (
                    "requeue all",
                    { try tx.tasks.moveAll(ofJob: job.rowID, from: Set(TaskStatus.allCases), to: .queued, activity: "r") }
                ),
                ("complete all", { try tx.tasks.moveAll(ofJob: job.rowID, from: [.queued], to: .completed, activity: "c") }),
            ]
            for (name, step) in steps {
                try step()
                try expectCountersMatchTasks(job: job.rowID, connection, name)
            }
            let final = try #require(try tx.jobs.find(rowID: job.rowID))
            #expect(final.stepsCompleted == 3 + 7 + 5)
            #expect(final.stepsTotal == final.stepsCompleted)
            #expect(try tx.tasks.counts(ofJob: job.rowID) == TaskStatusCounts([.completed: 3]))
            // The other job was never touched.
            try expectCountersMatchTasks(job: otherJob.rowID, connection, "all steps, other job")
            #expect(try tx.tasks.counts(ofJob: otherJob.rowID) == TaskStatusCounts([.queued: 1]))
        }
    }

    @Test("Unfinished dependencies drop to 0 when all dependencies complete and rise when one is requeued")
    func unfinishedDependenciesFollowStatuses() throws {
        try withMigratedDatabase { connection, tx in
            // a, b → c → d
            let (_, t) = try Farm(tx: tx).job(
                "j",
                tasks: [
                    Farm.task("a"), Farm.task("b"), Farm.task("c", dependencies: [0, 1]),
                    Farm.task("d", dependencies: [2]),
                ])
            func unfinished() throws -> [Int64?] { try column("unfinished_dependencies", ofTasks: t, connection) }
            #expect(try unfinished() == [0, 0, 2, 1])
            try tx.tasks.setStatus(rowID: t[0], to: .completed)
            #expect(try unfinished() == [0, 0, 1, 1])
            try tx.tasks.setStatus(rowID: t[1], to: .active)
            #expect(try unfinished() == [0, 0, 1, 1])
            try tx.tasks.setStatus(rowID: t[1], to: .completed)
            #expect(try unfinished() == [0, 0, 0, 1])
            try tx.tasks.setStatus(rowID: t[2], to: .completed)
            #expect(try unfinished() == [0, 0, 0, 0])
            try tx.tasks.setStatus(rowID: t[0], to: .queued)
            #expect(try unfinished() == [0, 0, 1, 0])
            try tx.tasks.setStatus(rowID: t[0], to: .failed)
            #expect(try unfinished() == [0, 0, 1, 0])
            try tx.tasks.setStatus(rowID: t[2], to: .softFailed)
            #expect(try unfinished() == [0, 0, 1, 1])
            // Removing an edge to an unfinished dependency lowers the count; to a completed one, it does not.
            try connection.execute(
                "DELETE FROM task_dependencies WHERE task_id = ? AND dependency_id = ?", .integer(t[2]), .integer(t[0]))
            #expect(try unfinished() == [0, 0, 0, 1])
            try connection.execute(
                "DELETE FROM task_dependencies WHERE task_id = ? AND dependency_id = ?", .integer(t[2]), .integer(t[1]))
            #expect(try unfinished() == [0, 0, 0, 1])
        }
    }
}
