import CSQLite

extension Connection {
    /// Runs `body` in `BEGIN IMMEDIATE … COMMIT`; any throw rolls back and is rethrown (first error wins).
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        let result: T
        do {
            result = try body()
        } catch {
            rollbackQuietly()
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            rollbackQuietly()
            throw error
        }
        return result
    }

    /// Runs `body` in a deferred read transaction: every statement in it sees the same committed snapshot (WAL), and
    /// a concurrent writer is never blocked. The transaction ends with ROLLBACK, so nothing `body` did can persist.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN DEFERRED")
        defer { rollbackQuietly() }
        return try body()
    }

    /// Runs `body` inside a savepoint; a throw undoes only the savepoint's work.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT tablao_step")
        do {
            let result = try body()
            try execute("RELEASE tablao_step")
            return result
        } catch {
            try? execute("ROLLBACK TO tablao_step")
            try? execute("RELEASE tablao_step")
            throw error
        }
    }

    /// Rolls back if a transaction is open; a failure to roll back leaves nothing to do but report the first error.
    func rollbackQuietly() {
        if isInTransaction { try? execute("ROLLBACK") }
    }
}
