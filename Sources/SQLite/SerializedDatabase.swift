import Foundation

/// Owns one connection on a dedicated thread and runs all work on it, one item at a time.
///
/// SQLite never runs on a NIO event loop or on Swift's shared concurrency pool: callers `await`, and the work
/// runs on this object's own thread. Concurrent `write` calls are grouped into one transaction (group commit),
/// each in its own savepoint, and every caller is resumed only after that transaction has committed.
///
/// `@unchecked Sendable`: the connection is touched only by the dedicated thread; the queue of pending work
/// is guarded by `condition`.
public final class SerializedDatabase: @unchecked Sendable {
    /// Most writes folded into one transaction, bounding the latency one commit adds to the first caller.
    public static let maximumBatchSize = 64

    private let connection: Connection
    private let condition = NSCondition()
    private var pending: [PendingWork] = []
    private var isClosing = false
    /// Set once the thread has stopped; nothing will ever take work from `pending` again.
    private var isStopped = false
    private var statistics = BatchStatistics()
    private var batchObserver: (@Sendable (WriteBatchReport) -> Void)?

    /// Starts the thread that will own `connection` from now on.
    public init(connection: sending Connection, name: String = "tablao.sqlite") {
        self.connection = connection
        let thread = Thread { [self] in
            // Named from inside too: on Linux, a name set before `start()` never reaches the OS thread.
            Thread.current.name = name
            self.runLoop()
        }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Runs `body` in a write transaction (possibly shared with other writers, each in its own savepoint).
    /// Returns after the transaction committed; a throw from `body` undoes only `body`'s changes.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await submit(kind: .write, body)
    }

    /// Runs `body` outside any transaction: reads, PRAGMAs, checkpoints, VACUUM.
    public func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await submit(kind: .plain, body)
    }

    /// How many write transactions committed and how many writes they carried.
    public var batchStatistics: BatchStatistics {
        condition.lock()
        defer { condition.unlock() }
        return statistics
    }

    /// Calls `observer` on the writer's thread after every write transaction, committed or not (replacing any
    /// earlier observer). It runs between batches, so it must be quick: count, record, never block.
    public func observeWriteBatches(_ observer: @escaping @Sendable (WriteBatchReport) -> Void) {
        condition.lock()
        defer { condition.unlock() }
        batchObserver = observer
    }

    /// Finishes queued work, stops the thread and closes the connection. Later calls throw.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            // Closing again is harmless: a queued extra stop is answered when the thread stops, a late one at once.
            guard !isStopped else {
                condition.unlock()
                continuation.resume()
                return
            }
            isClosing = true
            pending.append(
                PendingWork(kind: .stop, run: { _ in (true, { continuation.resume() }) }, fail: { _ in continuation.resume() }))
            condition.signal()
            condition.unlock()
        }
    }

    private func submit<T: Sendable>(
        kind: PendingWork.Kind, _ body: @escaping @Sendable (Connection) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let work = PendingWork(
                kind: kind,
                run: { connection in
                    do {
                        let value = try body(connection)
                        return (true, { continuation.resume(returning: value) })
                    } catch {
                        return (false, { continuation.resume(throwing: error) })
                    }
                },
                fail: { continuation.resume(throwing: $0) })
            condition.lock()
            guard !isClosing else {
                condition.unlock()
                continuation.resume(throwing: SQLiteError(extendedCode: 21, message: "database is closed"))
                return
            }
            pending.append(work)
            condition.signal()
            condition.unlock()
        }
    }

    private func runLoop() {
        while true {
            condition.lock()
            while pending.isEmpty { condition.wait() }
            let batch = takeBatch()
            condition.unlock()
            switch batch.first!.kind {
            case .stop:
                finishStop(batch[0])
                return
            case .plain:
                batch[0].run(connection).answer()
            case .write:
                let report = WriteBatch(works: batch).run(on: connection)
                condition.lock()
                if report.committed { statistics.record(batchSize: batch.count) }
                let observer = batchObserver
                condition.unlock()
                observer?(report)
            }
        }
    }

    /// Takes the next item, or a run of consecutive writes up to the batch limit. Caller holds the lock.
    private func takeBatch() -> [PendingWork] {
        guard pending[0].kind == .write else { return [pending.removeFirst()] }
        var count = 1
        while count < pending.count, count < Self.maximumBatchSize, pending[count].kind == .write { count += 1 }
        let batch = Array(pending.prefix(count))
        pending.removeFirst(count)
        return batch
    }

    private func finishStop(_ stop: PendingWork) {
        condition.lock()
        let leftovers = pending
        pending.removeAll()
        isStopped = true
        condition.unlock()
        let closed = SQLiteError(extendedCode: 21, message: "database is closed")
        leftovers.forEach { $0.fail(closed) }
        connection.close()
        stop.run(connection).answer()
    }
}

/// Counts of committed write transactions, to report how well group commit batches.
public struct BatchStatistics: Sendable {
    /// Write transactions committed.
    public private(set) var transactions = 0
    /// Writes carried by those transactions.
    public private(set) var writes = 0

    mutating func record(batchSize: Int) {
        transactions += 1
        writes += batchSize
    }
}
