/// A worker's status on the wire and in the database (protocol.md §4.9).
public enum WorkerStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case starting, awake, asleep, error, testing, offline, restart
}
