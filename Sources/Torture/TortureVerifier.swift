import FarmModel
import Storage

/// Judges a finished run: the answers workers got (the ledger) against each other and against the database.
enum TortureVerifier {
    /// What the database holds for the seeded workload.
    struct StoredState: Sendable {
        /// Status and assignee (worker row ID) of each seeded task, by task ID.
        var tasks: [String: (status: TaskStatus, workerRowID: Int64?)] = [:]
        /// Status of each seeded job, by job ID.
        var jobStatuses: [String: JobStatus] = [:]
        /// Row IDs of the simulated workers, by worker number.
        var workerRowIDs: [Int: Int64] = [:]
    }

    /// Runs checks (a)–(e); the manager must be stopped.
    static func verify(
        _ ledger: EventLedger.Snapshot, jobIDs: [JobID], totalTasks: Int, databasePath: String
    ) async -> [TortureCheck] {
        var stored = StoredState()
        var databaseProblems: [String] = []
        do {
            let database = try FarmDatabase.open(DatabaseOptions(path: databasePath))
            do {
                stored = try await read(database, jobIDs: jobIDs, workerIDs: ledger.workerIDs)
                try await database.checkIntegrity(full: true)
            } catch {
                databaseProblems.append("\(error)")
            }
            await database.close()
        } catch {
            databaseProblems.append("cannot open the database: \(error)")
        }
        return checks(
            ledger, stored, totalTasks: totalTasks, jobCount: jobIDs.count, databaseProblems: databaseProblems)
    }

    /// Checks (a)–(e) over what workers were told and what the database holds.
    static func checks(
        _ ledger: EventLedger.Snapshot, _ stored: StoredState, totalTasks: Int, jobCount: Int,
        databaseProblems: [String]
    ) -> [TortureCheck] {
        [
            singleAssignee(ledger),
            completionsStored(ledger, stored),
            completedOnce(ledger, stored, totalTasks: totalTasks, jobCount: jobCount),
            TortureCheck("(d) PRAGMA integrity_check and foreign_key_check are clean", violations: databaseProblems),
            TortureCheck(
                "(e) every answer was one the protocol expects here", violationCount: ledger.unexpectedCount,
                details: ledger.unexpected),
        ]
    }

    /// (a) Each task was handed to one worker only, and never again after its completion was answered; re-offers
    /// of a task to the worker that already held it (protocol.md §7.4) are legitimate.
    private static func singleAssignee(_ ledger: EventLedger.Snapshot) -> TortureCheck {
        var violations: [String] = []
        for (task, events) in ledger.assignments.sorted(by: { $0.key < $1.key }) {
            let workers = Set(events.map(\.worker))
            if workers.count > 1 {
                violations.append("task \(task) assigned to workers \(workers.sorted())")
            } else if let completed = ledger.completions[task]?.map(\.sequence).min(),
                events.contains(where: { $0.sequence > completed })
            {
                violations.append("task \(task) assigned again after its completion was answered")
            }
        }
        return TortureCheck("(a) no task assigned to two workers", violations: violations)
    }

    /// (b) No acknowledged completion was lost: each is `completed` in the database, assigned to its worker.
    private static func completionsStored(_ ledger: EventLedger.Snapshot, _ stored: StoredState) -> TortureCheck {
        var violations: [String] = []
        for (task, events) in ledger.completions.sorted(by: { $0.key < $1.key }) {
            guard let row = stored.tasks[task] else {
                violations.append("task \(task) answered completed is not in the database")
                continue
            }
            if row.status != .completed {
                violations.append("task \(task) answered completed is \(row.status.rawValue) in the database")
            } else if let worker = events.first?.worker, row.workerRowID != stored.workerRowIDs[worker] {
                violations.append("task \(task) is stored as completed by another worker than \(worker)")
            }
        }
        return TortureCheck("(b) every completion answered 204 is completed in the database", violations: violations)
    }

    /// (c) Every seeded task got exactly one acknowledged completion, the database holds them all as completed,
    /// and every job rolled up to `completed`.
    private static func completedOnce(
        _ ledger: EventLedger.Snapshot, _ stored: StoredState, totalTasks: Int, jobCount: Int
    ) -> TortureCheck {
        var violations: [String] = []
        if stored.tasks.count != totalTasks {
            violations.append("the database holds \(stored.tasks.count) of the \(totalTasks) seeded tasks")
        }
        let storedCompleted = stored.tasks.values.filter { $0.status == .completed }.count
        if storedCompleted != totalTasks {
            violations.append("count(status = 'completed') = \(storedCompleted), expected \(totalTasks)")
        }
        for task in stored.tasks.keys.sorted() {
            let count = ledger.completions[task]?.count ?? 0
            if count != 1 { violations.append("task \(task) completion answered \(count) times") }
        }
        let unfinishedJobs = stored.jobStatuses.filter { $0.value != .completed }
        if stored.jobStatuses.count != jobCount || !unfinishedJobs.isEmpty {
            violations.append(
                "\(stored.jobStatuses.count - unfinishedJobs.count) of \(jobCount) jobs completed: "
                    + unfinishedJobs.map { "\($0.key) is \($0.value.rawValue)" }.sorted().prefix(3).joined(
                        separator: ", "))
        }
        return TortureCheck("(c) every task completed exactly once", violations: violations)
    }

    private static func read(
        _ database: FarmDatabase, jobIDs: [JobID], workerIDs: [Int: String]
    ) async throws -> StoredState {
        try await database.read { tx in
            var state = StoredState()
            for jobID in jobIDs {
                guard let job = try tx.jobs.find(jobID) else { continue }
                state.jobStatuses[jobID.rawValue] = job.status
                for task in try tx.tasks.tasks(ofJob: job.rowID) {
                    state.tasks[task.id.rawValue] = (task.status, task.workerRowID)
                }
            }
            for (number, id) in workerIDs {
                if let worker = try tx.workers.find(WorkerID(unchecked: id)) {
                    state.workerRowIDs[number] = worker.rowID
                }
            }
            return state
        }
    }
}
