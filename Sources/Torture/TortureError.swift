/// Why a torture run could not be carried out (as opposed to checks that failed).
public enum TortureError: Error, CustomStringConvertible {
    /// No executable at the given `tablao` path.
    case tablaoMissing(path: String)
    /// The manager never answered `GET /api/v3/version`; its log is at `log`.
    case managerDidNotStart(log: String)
    /// No loopback port could be reserved.
    case noFreePort
    /// A configuration value is out of range.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .tablaoMissing(let path):
            "no tablao executable at \(path); build it first: swift build --product tablao"
        case .managerDidNotStart(let log): "the manager did not start; see its log at \(log)"
        case .noFreePort: "no free loopback port"
        case .invalidConfiguration(let message): "invalid configuration: \(message)"
        }
    }
}
