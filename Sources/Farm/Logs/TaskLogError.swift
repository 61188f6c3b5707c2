import Foundation

/// A failed system call on a task log or job folder: what was done, to which path, and the errno.
public struct TaskLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The call that failed (`open`, `write`, `mkdir`, …).
    public let operation: String
    /// The file or folder.
    public let path: String
    /// The errno (`ENOSPC` = 28, `EROFS` = 30, `ENOTDIR` = 20, …).
    public let code: Int32

    /// The errno's text, e.g. "No space left on device".
    public var reason: String { String(cString: strerror(code)) }

    public var description: String { "\(operation) \(path): \(reason) (errno \(code))" }
}
