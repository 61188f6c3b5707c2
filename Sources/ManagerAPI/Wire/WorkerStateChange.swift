import FarmModel

/// A status the Manager asks the worker to go to (sign-on, `GET state`, 423 on `POST task`).
public struct WorkerStateChange: Codable, Hashable, Sendable {
    /// Requested worker status.
    public var statusRequested: WorkerStatus

    /// Creates a value from its fields; optional ones default to absent.
    public init(statusRequested: WorkerStatus) {
        self.statusRequested = statusRequested
    }

    enum CodingKeys: String, CodingKey {
        case statusRequested = "status_requested"
    }
}
