import Synchronization

/// Open connections of one server, shared by its event loops, and how many were turned away.
final class ConnectionCounter: Sendable {
    private let open = Atomic<Int>(0)
    private let rejected = Atomic<Int>(0)

    /// Counts a new connection and answers how many are open with it.
    func opened() -> Int { open.wrappingAdd(1, ordering: .relaxed).newValue }

    /// Counts a closed connection.
    func closed() { open.wrappingSubtract(1, ordering: .relaxed) }

    /// Counts a turned-away connection and answers how many there were so far.
    func turnedAway() -> Int { rejected.wrappingAdd(1, ordering: .relaxed).newValue }
}
