import FarmModel

/// Answer to `register-worker`: the worker as the Manager stored it.
public struct RegisteredWorker: Codable, Hashable, Sendable {
    /// New worker ID; the Basic-auth user name from now on.
    public var uuid: WorkerID
    /// Display name.
    public var name: String
    /// Client IP address as seen by the Manager.
    public var address: String
    /// Always `offline` for a worker that has not signed on yet.
    public var status: WorkerStatus
    /// Operating system of the worker.
    public var platform: String
    /// Worker software version; empty until sign-on.
    public var software: String
    /// Task types the worker can run.
    public var supportedTaskTypes: [String]

    /// Creates a value from its fields; optional ones default to absent.
    public init(
        uuid: WorkerID,
        name: String,
        address: String,
        status: WorkerStatus,
        platform: String,
        software: String,
        supportedTaskTypes: [String]
    ) {
        self.uuid = uuid
        self.name = name
        self.address = address
        self.status = status
        self.platform = platform
        self.software = software
        self.supportedTaskTypes = supportedTaskTypes
    }

    enum CodingKeys: String, CodingKey {
        case uuid
        case name
        case address
        case status
        case platform
        case software
        case supportedTaskTypes = "supported_task_types"
    }
}
