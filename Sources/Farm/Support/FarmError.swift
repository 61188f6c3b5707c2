import FarmModel

/// Expected refusals of the farm's use cases; the HTTP layer maps each to a status code.
public enum FarmError: Error, Sendable, Equatable {
    /// The named thing does not exist (404).
    case notFound(String)
    /// The request is malformed or breaks a rule of the input (400).
    case invalidInput(String)
    /// The request conflicts with the current state, e.g. a task of another worker (409).
    case conflict(String)
    /// A status transition the state machine does not allow (422).
    case invalidTransition(String)
    /// A precondition of the request is not met, e.g. restart on a worker that cannot (412).
    case preconditionFailed(String)
    /// The worker's credentials are missing or wrong (403).
    case accessDenied(String)
    /// Too many pending requests of this kind (429).
    case tooManyRequests(String)
    /// Nothing matched the requested range (416).
    case rangeNotSatisfiable(String)

    /// The human-readable message.
    public var message: String {
        switch self {
        case .notFound(let m), .invalidInput(let m), .conflict(let m), .invalidTransition(let m),
            .preconditionFailed(let m), .accessDenied(let m), .tooManyRequests(let m), .rangeNotSatisfiable(let m):
            m
        }
    }
}
