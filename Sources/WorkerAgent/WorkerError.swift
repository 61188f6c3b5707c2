/// Fatal problems of the worker agent itself (not of a task).
public enum WorkerError: Error, CustomStringConvertible, Sendable {
    case configuration(String)
    case registration(String)
    case io(String)

    public var description: String {
        switch self {
        case .configuration(let text): return "configuration: \(text)"
        case .registration(let text): return "registration: \(text)"
        case .io(let text): return text
        }
    }
}
