import FarmModel

/// The checks request DTOs share in their `validate()`.
enum WireValidation {
    /// Refuses an empty or whitespace-only string.
    static func requireNonEmpty(_ value: String, field: String) throws(WireValidationError) {
        if value.allSatisfy(\.isWhitespace) { throw .emptyValue(field: field) }
    }

    /// Refuses a number outside `allowed`.
    static func requireRange(_ value: Int, _ allowed: ClosedRange<Int>, field: String) throws(WireValidationError) {
        if !allowed.contains(value) { throw .outOfRange(field: field, value: value, allowed: allowed) }
    }

    /// Refuses a number below `minimum`.
    static func requireMinimum(_ value: Int, _ minimum: Int, field: String) throws(WireValidationError) {
        if value < minimum { throw .belowMinimum(field: field, value: value, minimum: minimum) }
    }

    /// Refuses a worker-tag reference that is neither absent, empty, nor a UUID; empty means "no tag".
    static func requireTagIdentifier(_ value: String?, field: String) throws(WireValidationError) {
        guard let value, !value.isEmpty else { return }
        if TagID(validating: value) == nil { throw .invalidIdentifier(field: field, value: value) }
    }
}
