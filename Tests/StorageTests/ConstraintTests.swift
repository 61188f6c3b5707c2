import FarmModel
import Foundation
import SQLite
@testable import Storage
import Testing

@Suite("Schema constraints")
struct ConstraintTests {
    /// Expects `sql` to fail with `code` (a failed statement changes nothing: SQLite undoes it whole).
    private func expectRejected(
        _ sql: String, _ arguments: SQLiteValue..., code: Int32 = ResultCode.constraintCheck, on connection: Connection,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = #expect(throws: SQLiteError.self, sourceLocation: sourceLocation) {
            try connection.execute(sql, arguments: arguments)
        }
        #expect(error?.extendedCode == code, "\(error?.description ?? "no error")", sourceLocation: sourceLocation)
        #expect(error?.sql == sql, sourceLocation: sourceLocation)
    }

    @Test("CHECK rejects statuses that are not in the protocol")
    func checkRejectsBadStatuses() throws {
        try withMigratedDatabase { connection, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1")
            let (job, tasks) = try farm.job("j", tasks: [Farm.task("t")])
            expectRejected("UPDATE workers SET status = 'dancing' WHERE id = ?", .integer(worker.rowID), on: connection)
            expectRejected("UPDATE workers SET status = '' WHERE id = ?", .integer(worker.rowID), on: connection)
            expectRejected("UPDATE workers SET status_requested = 'nap' WHERE id = ?", .integer(worker.rowID), on: connection)
            expectRejected("UPDATE jobs SET status = 'running' WHERE id = ?", .integer(job.rowID), on: connection)
            expectRejected("UPDATE tasks SET status = 'running' WHERE id = ?", .integer(tasks[0]), on: connection)
            expectRejected("UPDATE tasks SET status = 'Queued' WHERE id = ?", .integer(tasks[0]), on: connection)
            // Every status the model knows is accepted.
            for status in WorkerStatus.allCases {
                try connection.execute("UPDATE workers SET status = ? WHERE id = ?", .text(status.rawValue), .integer(worker.rowID))
            }
            for status in TaskStatus.allCases { try tx.tasks.setStatus(rowID: tasks[0], to: status) }
            for status in JobStatus.allCases { try tx.jobs.setStatus(rowID: job.rowID, to: status) }
            #expect(try tx.jobs.find(rowID: job.rowID)?.status == JobStatus.allCases.last)
        }
    }

    @Test("CHECK rejects a lazy flag without a pending request")
    func checkRejectsLazyFlagWithoutRequest() throws {
        try withMigratedDatabase { connection, tx in
            let worker = try Farm(tx: tx).worker("w1")
            expectRejected(
                "UPDATE workers SET status_requested = '', lazy_status_request = 1 WHERE id = ?", .integer(worker.rowID),
                on: connection)
            expectRejected("UPDATE workers SET lazy_status_request = 2 WHERE id = ?", .integer(worker.rowID), on: connection)
            try tx.workers.saveState(
                rowID: worker.rowID, WorkerStatusState(status: .awake, request: WorkerStatusRequest(.asleep, isLazy: true)))
            let stored = try #require(try tx.workers.find(rowID: worker.rowID))
            #expect(stored.state.request == WorkerStatusRequest(.asleep, isLazy: true))
        }
    }

    @Test("CHECK rejects invalid or wrongly shaped JSON in settings, metadata, commands and task types")
    func checkRejectsInvalidJSON() throws {
        try withMigratedDatabase { connection, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1")
            let (job, tasks) = try farm.job("j", tasks: [Farm.task("t")])
            let jobID = SQLiteValue.integer(job.rowID)
            expectRejected("UPDATE jobs SET settings = '{not json' WHERE id = ?", jobID, on: connection)
            expectRejected("UPDATE jobs SET settings = '[1, 2]' WHERE id = ?", jobID, on: connection)
            expectRejected("UPDATE jobs SET metadata = '' WHERE id = ?", jobID, on: connection)
            expectRejected("UPDATE tasks SET commands = '[{\"name\": ' WHERE id = ?", .integer(tasks[0]), on: connection)
            expectRejected("UPDATE tasks SET commands = '{}' WHERE id = ?", .integer(tasks[0]), on: connection)
            expectRejected(
                "UPDATE workers SET supported_task_types = 'blender' WHERE id = ?", .integer(worker.rowID), on: connection)
            try connection.execute("UPDATE jobs SET settings = '{\"a\": [1, {\"b\": null}]}' WHERE id = ?", jobID)
            try connection.execute("UPDATE tasks SET commands = '[]' WHERE id = ?", .integer(tasks[0]))
        }
    }

    @Test("CHECK rejects more completed steps than total and negative counters")
    func checkRejectsBadStepCounters() throws {
        try withMigratedDatabase { connection, tx in
            let (_, tasks) = try Farm(tx: tx).job("j", tasks: [Farm.task("t", steps: 3)])
            expectRejected("UPDATE tasks SET steps_completed = 4 WHERE id = ?", .integer(tasks[0]), on: connection)
            expectRejected("UPDATE tasks SET steps_total = -1, steps_completed = 0 WHERE id = ?", .integer(tasks[0]), on: connection)
            // The repository clamps progress instead of tripping the constraint.
            try tx.tasks.recordProgress(rowID: tasks[0], activity: "rendering", stepsCompleted: 10)
            #expect(try tx.tasks.find(rowID: tasks[0])?.stepsCompleted == 3)
        }
    }

    @Test("Foreign keys reject rows pointing at missing jobs, tasks and workers")
    func foreignKeysRejectDanglingRows() throws {
        try withMigratedDatabase { connection, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1")
            let (_, tasks) = try farm.job("j", tasks: [Farm.task("t")])
            let tasksBefore = try connection.count("tasks")
            // A task for a missing job is refused (the job-facts trigger trips first, on job_priority NOT NULL).
            let insert = #expect(throws: SQLiteError.self) {
                try connection.execute(
                    """
                    INSERT INTO tasks (uuid, job_id, index_in_job, name, task_type, priority, status,
                                       job_priority, job_schedulable)
                    VALUES (?, 9999, 1, 'orphan', 'blender', 50, 'queued', 50, 1)
                    """, .text(TaskID.random().rawValue))
            }
            #expect(insert?.isConstraintViolation == true)
            #expect(try connection.count("tasks") == tasksBefore)
            expectRejected(
                "UPDATE tasks SET job_id = 9999 WHERE id = ?", .integer(tasks[0]), code: ResultCode.constraintForeignKey,
                on: connection)
            expectRejected(
                "INSERT INTO task_dependencies (task_id, dependency_id) VALUES (?, 9999)", .integer(tasks[0]),
                code: ResultCode.constraintForeignKey, on: connection)
            expectRejected(
                "INSERT INTO task_failures (task_id, worker_id) VALUES (?, 9999)", .integer(tasks[0]),
                code: ResultCode.constraintForeignKey, on: connection)
            expectRejected(
                "INSERT INTO worker_tag_memberships (worker_id, tag_id) VALUES (?, 9999)", .integer(worker.rowID),
                code: ResultCode.constraintForeignKey, on: connection)
        }
    }

    @Test("Deleting a job cascades to its tasks, dependencies, failure lists, blocklist and counters only")
    func deletingJobCascades() throws {
        try withMigratedDatabase { connection, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1")
            var jobs: [Int64] = []
            for name in ["doomed", "kept"] {
                let (job, tasks) = try farm.job(name, tasks: [Farm.task("a"), Farm.task("b", dependencies: [0])])
                try tx.failures.recordFailure(taskRowID: tasks[0], workerRowID: worker.rowID)
                try tx.failures.block(jobRowID: job.rowID, workerRowID: worker.rowID, taskType: "blender")
                try connection.execute(
                    "INSERT INTO last_rendered (job_id, updated_at) VALUES (?, ?)", .integer(job.rowID), .text(tx.nowText))
                jobs.append(job.rowID)
            }
            let byJob = ["tasks", "job_blocklist", "job_task_counts", "last_rendered"]
            let byTask = ["task_dependencies", "task_failures"]
            for table in byJob { #expect(try connection.count(table, where: "job_id = ?", .integer(jobs[0])) > 0) }
            for table in byTask { #expect(try connection.count(table) == 2, "\(table)") }
            let keptTasks = try connection.count("tasks", where: "job_id = ?", .integer(jobs[1]))

            try tx.jobs.delete(rowID: jobs[0])

            #expect(try tx.jobs.find(rowID: jobs[0]) == nil)
            for table in byJob {
                #expect(try connection.count(table, where: "job_id = ?", .integer(jobs[0])) == 0, "\(table)")
                #expect(try connection.count(table, where: "job_id = ?", .integer(jobs[1])) > 0, "\(table) of the kept job")
            }
            for table in byTask {
                #expect(try connection.count(table) == 1, "\(table)")
                #expect(try connection.count(table, where: "task_id NOT IN (SELECT id FROM tasks WHERE job_id = ?)", .integer(jobs[1])) == 0)
            }
            #expect(try connection.count("tasks", where: "job_id = ?", .integer(jobs[1])) == keptTasks)
            #expect(try connection.count("workers") == 1)
            #expect(try connection.count("task_failures") == 1)
            #expect(try connection.count("job_blocklist") == 1)
        }
    }

    @Test("Deleting a worker row removes its failures, blocks and memberships and clears task references")
    func deletingWorkerRowCascades() throws {
        try withMigratedDatabase { connection, tx in
            let farm = Farm(tx: tx)
            let worker = try farm.worker("w1")
            _ = try farm.tag("gpu", members: [worker])
            let (job, tasks) = try farm.job("j", tasks: [Farm.task("a")])
            try tx.tasks.assign(rowID: tasks[0], to: worker.rowID)
            try tx.failures.recordFailure(taskRowID: tasks[0], workerRowID: worker.rowID)
            try tx.failures.block(jobRowID: job.rowID, workerRowID: worker.rowID, taskType: "blender")
            try connection.execute("DELETE FROM workers WHERE id = ?", .integer(worker.rowID))
            #expect(try connection.count("task_failures") == 0)
            #expect(try connection.count("job_blocklist") == 0)
            #expect(try connection.count("worker_tag_memberships") == 0)
            #expect(try tx.tasks.find(rowID: tasks[0])?.workerRowID == nil)
            #expect(try connection.count("worker_tags") == 1)
        }
    }
}
