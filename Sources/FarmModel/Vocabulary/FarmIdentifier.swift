import Foundation

/// A lower-case canonical UUID string, the form Flamenco emits and stores (STYLE.md §2).
public protocol FarmIdentifier: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible
where RawValue == String {
    init(unchecked rawValue: String)

    /// The stored spelling of a valid ID as received; by default unchanged.
    static func canonical(_ text: String) -> String
}

extension FarmIdentifier {
    /// A new random (v4) identifier.
    public static func random() -> Self { Self(unchecked: UUID().uuidString.lowercased()) }

    /// Parses a path or body ID: exactly 36 characters that parse as a UUID (any hex case), then ``canonical(_:)``.
    ///
    /// Flamenco accepts upper-case IDs as syntactically valid; they then simply find nothing (protocol.md §1.1).
    /// Tag IDs are the exception: clients choose them, so they are lower-cased and match in any case.
    public init?(validating text: String) {
        guard text.utf8.count == 36, UUID(uuidString: text) != nil else { return nil }
        self.init(unchecked: Self.canonical(text))
    }

    /// Unchanged: Manager-generated IDs are matched exactly, as Flamenco does.
    public static func canonical(_ text: String) -> String { text }

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

/// Identifies a worker tag; clients may choose tag IDs, so they are stored and compared in lower case.
public struct TagID: FarmIdentifier {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }

    /// Lower case, the canonical UUID spelling, so `ABC…` and `abc…` name the same tag.
    public static func canonical(_ text: String) -> String { text.lowercased() }
}
