import CSQLite

/// One queued unit of work: `run` performs it and returns whether it succeeded plus how to answer its caller.
struct PendingWork {
    enum Kind { case write, plain, stop }
    let kind: Kind
    let run: (Connection) -> (succeeded: Bool, answer: () -> Void)
    let fail: (any Error) -> Void
}

/// Several writes sharing one `BEGIN IMMEDIATE … COMMIT`, each isolated by a savepoint.
struct WriteBatch {
    let works: [PendingWork]

    /// Runs the batch and answers every caller once the outcome is committed. Returns what happened, timed.
    func run(on connection: Connection) -> WriteBatchReport {
        let clock = ContinuousClock()
        let started = clock.now
        func failed() -> WriteBatchReport {
            WriteBatchReport(
                writes: works.count, committed: false, transactionDuration: clock.now - started, commitDuration: .zero)
        }
        do {
            try connection.execute("BEGIN IMMEDIATE")
        } catch {
            works.forEach { $0.fail(error) }
            return failed()
        }
        var answers: [() -> Void] = []
        for (offset, work) in works.enumerated() {
            answers.append(runInSavepoint(work, on: connection))
            // Some failures end the whole transaction (a ROLLBACK conflict clause, SQLITE_FULL, an interrupt): then
            // nothing of the batch is stored, and the writes after it must not run outside a transaction.
            if !connection.isInTransaction {
                let error = SQLiteError(
                    extendedCode: SQLITE_ABORT, message: "another write in the same transaction made SQLite roll it back")
                for (other, otherWork) in works.enumerated() where other != offset { otherWork.fail(error) }
                answers[offset]()
                return failed()
            }
        }
        let committing = clock.now
        do {
            try connection.execute("COMMIT")
        } catch {
            connection.rollbackQuietly()
            works.forEach { $0.fail(error) }
            return failed()
        }
        let committed = clock.now
        answers.forEach { $0() }
        return WriteBatchReport(
            writes: works.count, committed: true, transactionDuration: committed - started,
            commitDuration: committed - committing)
    }

    /// Runs one write; on failure only its savepoint is undone, so the other writers' work still commits.
    private func runInSavepoint(_ work: PendingWork, on connection: Connection) -> () -> Void {
        do {
            try connection.execute("SAVEPOINT tablao_write")
        } catch {
            return { work.fail(error) }
        }
        let (succeeded, answer) = work.run(connection)
        // SQLite already rolled the whole transaction back: no savepoint is left to undo, and `run` handles the rest.
        guard connection.isInTransaction else { return answer }
        do {
            if !succeeded { try connection.execute("ROLLBACK TO tablao_write") }
            try connection.execute("RELEASE tablao_write")
        } catch {
            return { work.fail(error) }
        }
        return answer
    }
}
