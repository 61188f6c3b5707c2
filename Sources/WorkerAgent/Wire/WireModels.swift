/// `WorkerRegistration` (protocol.md §4.1).
struct WorkerRegistration: Encodable, Sendable {
    let secret: String
    let platform: String
    let supportedTaskTypes: [String]
    let name: String

    enum CodingKeys: String, CodingKey {
        case secret, platform, name
        case supportedTaskTypes = "supported_task_types"
    }
}

/// `RegisteredWorker` (protocol.md §4.2); only the UUID matters to the worker.
struct RegisteredWorker: Decodable, Sendable {
    let uuid: String
}

/// `WorkerSignOn` (protocol.md §4.3).
struct WorkerSignOn: Encodable, Sendable {
    let name: String
    let supportedTaskTypes: [String]
    let softwareVersion: String
    let canRestart: Bool

    enum CodingKeys: String, CodingKey {
        case name
        case supportedTaskTypes = "supported_task_types"
        case softwareVersion = "software_version"
        case canRestart = "can_restart"
    }
}

/// `WorkerStateChange`: the status the Manager asks for (protocol.md §4.4).
struct WorkerStateChange: Decodable, Sendable {
    let statusRequested: String

    enum CodingKeys: String, CodingKey { case statusRequested = "status_requested" }
}

/// `WorkerStateChanged`: the status the worker reports (protocol.md §4.4).
struct WorkerStateChanged: Encodable, Sendable {
    let status: String
}

/// `MayKeepRunning` (protocol.md §4.8).
struct MayKeepRunning: Decodable, Sendable {
    let mayKeepRunning: Bool
    let reason: String?
    let statusChangeRequested: Bool?
}
