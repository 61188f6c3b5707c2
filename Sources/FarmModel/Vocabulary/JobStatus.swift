/// A job's status on the wire and in the database (protocol.md §4.9, §6.2).
public enum JobStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case underConstruction = "under-construction"
    case queued, active
    case pauseRequested = "pause-requested"
    case paused
    case cancelRequested = "cancel-requested"
    case canceled, requeueing, completed, failed

    /// Whether tasks of a job in this status may be scheduled (protocol.md §7.1 #2).
    public var isSchedulable: Bool { self == .queued || self == .active }
}
