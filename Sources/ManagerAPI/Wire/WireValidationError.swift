/// Why a decoded request body was refused; the API answers 400 with ``message``.
public enum WireValidationError: Error, Hashable, Sendable {
    /// A string that must carry a value is empty or only whitespace.
    case emptyValue(field: String)
    /// A number lies outside the range the protocol allows.
    case outOfRange(field: String, value: Int, allowed: ClosedRange<Int>)
    /// A number is smaller than the protocol allows.
    case belowMinimum(field: String, value: Int, minimum: Int)
    /// A string that must be empty or a UUID is neither.
    case invalidIdentifier(field: String, value: String)
    /// A list that must name at least one item is empty.
    case emptyList(field: String)

    /// The JSON property at fault, or `body` for the whole body.
    public var field: String {
        switch self {
        case .emptyValue(let field), .outOfRange(let field, _, _), .belowMinimum(let field, _, _),
            .invalidIdentifier(let field, _), .emptyList(let field):
            field
        }
    }

    /// A sentence for the `message` of the error body.
    public var message: String {
        switch self {
        case .emptyValue(let field):
            "\(field) must not be empty"
        case .outOfRange(let field, let value, let allowed):
            "\(field) must be between \(allowed.lowerBound) and \(allowed.upperBound), got \(value)"
        case .belowMinimum(let field, let value, let minimum):
            "\(field) must be at least \(minimum), got \(value)"
        case .invalidIdentifier(let field, let value):
            "\(field) must be a UUID, got \"\(value)\""
        case .emptyList(let field):
            "\(field) must list at least one item"
        }
    }
}
