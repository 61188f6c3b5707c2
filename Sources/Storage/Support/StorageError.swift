/// Failures of the storage layer that callers handle by kind.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No row with that ID.
    case notFound(entity: String, id: String)
    /// A unique constraint rejected the write (e.g. a duplicate tag name).
    case conflict(entity: String, detail: String)
    /// A stored value does not decode (a row edited by hand, or a bug).
    case invalidStoredValue(column: String, value: String)

    public var description: String {
        switch self {
        case .notFound(let entity, let id): "no \(entity) with ID \(id)"
        case .conflict(let entity, let detail): "\(entity) conflicts with an existing one: \(detail)"
        case .invalidStoredValue(let column, let value): "stored value of \(column) is invalid: \(value)"
        }
    }
}
