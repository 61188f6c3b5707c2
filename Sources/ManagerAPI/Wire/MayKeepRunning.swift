/// Answer to `may-i-run`: whether the worker may keep running its task.
public struct MayKeepRunning: Codable, Hashable, Sendable {
    /// True if the task may keep running.
    public var mayKeepRunning: Bool
    /// Why not; empty when allowed.
    public var reason: String
    /// True when a non-lazy status change is pending; then `mayKeepRunning` is false.
    public var statusChangeRequested: Bool

    /// Creates a value from its fields; optional ones default to absent.
    public init(mayKeepRunning: Bool, reason: String, statusChangeRequested: Bool) {
        self.mayKeepRunning = mayKeepRunning
        self.reason = reason
        self.statusChangeRequested = statusChangeRequested
    }

    enum CodingKeys: String, CodingKey {
        case mayKeepRunning
        case reason
        case statusChangeRequested
    }
}
