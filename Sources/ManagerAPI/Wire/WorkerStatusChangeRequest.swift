import FarmModel

/// A requested worker status; body of `request_worker_status_change`, and the pending request of a worker.
public struct WorkerStatusChangeRequest: Codable, Hashable, Sendable, WireRequest {
    /// Requested status.
    public var status: WorkerStatus
    /// True: apply after the current task; false: apply now.
    public var isLazy: Bool

    /// Creates a value from its fields; optional ones default to absent.
    public init(status: WorkerStatus, isLazy: Bool) {
        self.status = status
        self.isLazy = isLazy
    }

    enum CodingKeys: String, CodingKey {
        case status
        case isLazy = "is_lazy"
    }
}
