import FarmModel

/// Body of `state-changed`: the status the worker has just entered.
public struct WorkerStateChanged: Codable, Hashable, Sendable, WireRequest {
    /// New worker status.
    public var status: WorkerStatus

    /// Creates a value from its fields; optional ones default to absent.
    public init(status: WorkerStatus) {
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case status
    }
}
