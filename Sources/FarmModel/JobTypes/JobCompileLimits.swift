/// Sanity limits on what one submission may expand to; Flamenco has none, but a typo such as
/// `frames: "1-1000000000"` would otherwise exhaust the Manager's memory and database.
public enum JobCompileLimits {
    /// Most frames a `frames` setting may expand to: far above any real shot or sequence.
    public static let maximumFrameCount = 1_000_000
    /// Most tasks one job may have: beyond this the scheduler and web UI become unusable anyway.
    public static let maximumTaskCount = 100_000
    /// The priority of every task a built-in type creates (protocol.md §10.1).
    public static let builtInTaskPriority = 50
}
