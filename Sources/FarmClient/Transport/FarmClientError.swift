/// Why a call to the Manager did not give the answer asked for.
public enum FarmClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No HTTP answer at all: connection refused, name not resolved, timeout.
    case unreachable(manager: String, detail: String)
    /// The Manager answered with an error status; `message` is from its `Error` body.
    case refused(call: String, status: Int, message: String)
    /// A success status whose body is not what the protocol says.
    case unexpectedAnswer(path: String, detail: String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .unreachable(let manager, let detail):
            "cannot reach the Manager at \(manager): \(detail); is `tablao serve` running there? Name it with --manager URL "
                + "or TABLAO_MANAGER"
        case .refused(let call, let status, let message):
            "the Manager refused \(call) (HTTP \(status)): \(message)"
        case .unexpectedAnswer(let path, let detail):
            "unexpected answer from the Manager to \(path): \(detail)"
        }
    }
}
