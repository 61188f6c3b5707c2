/// What one group-commit write transaction did, for metrics: reported by the writer's thread after each batch.
public struct WriteBatchReport: Sendable {
    /// Writes (callers) the batch carried.
    public let writes: Int
    /// Whether the transaction committed; false when BEGIN, a rollback or COMMIT failed and nothing was stored.
    public let committed: Bool
    /// From `BEGIN IMMEDIATE` to the end of `COMMIT`: how long the batch held the writer.
    public let transactionDuration: Duration
    /// The `COMMIT` statement alone (WAL append and, with synchronous FULL, the fsync); zero when it never ran.
    public let commitDuration: Duration
}
