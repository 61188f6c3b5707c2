import FarmModel
import Storage

/// Seeds a fresh database with the workload: jobs of `misc` tasks, each one `echo` command, no dependencies.
enum TaskSeeder {
    /// Creates the database at `path` (with the real migrations) and stores `taskCount` queued tasks.
    ///
    /// - Returns: the seeded jobs' IDs, in submission order.
    static func seed(databasePath: String, taskCount: Int, tasksPerJob: Int) async throws -> [JobID] {
        precondition(taskCount > 0 && tasksPerJob > 0, "the workload needs tasks")
        let database = try FarmDatabase.open(DatabaseOptions(path: databasePath))
        var jobIDs: [JobID] = []
        do {
            var seeded = 0
            while seeded < taskCount {
                let count = min(tasksPerJob, taskCount - seeded)
                let submission = submission(number: jobIDs.count + 1, firstTask: seeded + 1, count: count)
                _ = try await database.write { tx in try tx.jobs.insert(submission) }
                jobIDs.append(submission.id)
                seeded += count
            }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
        return jobIDs
    }

    private static func submission(number: Int, firstTask: Int, count: Int) -> JobRepository.Submission {
        let tasks = (firstTask..<firstTask + count).map { index in
            CompiledTask(
                name: "torture-task-\(index)", taskType: "misc", priority: 50,
                commands: [
                    CompiledCommand(name: "echo", parameters: ["message": .string("task \(index)")], totalStepCount: 0)
                ])
        }
        return JobRepository.Submission(
            id: .random(), name: "torture-job-\(number)", type: "echo-sleep-test", priority: 50, status: .queued,
            settings: [:], metadata: [:], submitterPlatform: "linux", workerTagRowID: nil, shamanCheckoutID: "",
            tasks: tasks)
    }
}
