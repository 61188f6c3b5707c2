/// Overall state of the farm.
public enum FarmStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case active
    case idle
    case waiting
    case asleep
    case inoperative
    case unknown
    case starting
}
