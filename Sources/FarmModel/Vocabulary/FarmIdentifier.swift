import Foundation

/// A lower-case canonical UUID string, the form Flamenco emits and stores (STYLE.md §2).
public protocol FarmIdentifier: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible
where RawValue == String {
    init(unchecked rawValue: String)
}

extension FarmIdentifier {
    /// A new random (v4) identifier.
    public static func random() -> Self { Self(unchecked: UUID().uuidString.lowercased()) }

    /// Parses a path or body ID: exactly 36 characters that parse as a UUID (any hex case), kept as given.
    ///
    /// Flamenco accepts upper-case IDs as syntactically valid; they then simply find nothing (protocol.md §1.1).
    public init?(validating text: String) {
        guard text.utf8.count == 36, UUID(uuidString: text) != nil else { return nil }
        self.init(unchecked: text)
    }

    public init?(rawValue: String) { self.init(validating: rawValue) }

    public var description: String { rawValue }
}

/// Identifies a worker (Basic-auth user name).
public struct WorkerID: FarmIdentifier {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

/// Identifies a job.
public struct JobID: FarmIdentifier {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

/// Identifies a task.
public struct TaskID: FarmIdentifier {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

/// Identifies a worker tag.
public struct TagID: FarmIdentifier {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}
