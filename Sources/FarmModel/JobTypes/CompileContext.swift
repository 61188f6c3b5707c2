import Foundation

/// What a compiler may know of the outside world; passed in so compilation stays pure (STYLE.md §5).
public struct CompileContext: Sendable, Hashable {
    /// The job's creation time, substituted for `{timestamp}`.
    public var creationTime: Date
    /// The Manager's local time zone, in which `{timestamp}` is written (protocol.md §10.1.2).
    public var timeZone: TimeZone

    /// Creates a compile context.
    public init(creationTime: Date, timeZone: TimeZone) {
        self.creationTime = creationTime
        self.timeZone = timeZone
    }
}
