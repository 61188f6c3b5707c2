import Foundation
import Synchronization

/// Counts failures to write task logs and remove job folders since start-up, and remembers the last one; the farm
/// status reports it, and metrics can read it.
public final class StorageFaultCounter: Sendable {
    /// What failed.
    public enum Kind: Sendable {
        case taskLogWrite
        case jobFolderRemoval
    }

    /// The counts and the last failure.
    public struct Snapshot: Sendable, Equatable {
        /// Task log appends that failed (their lines are lost).
        public var taskLogWriteFailures = 0
        /// Deleted jobs whose storage folder could not be removed.
        public var jobFolderRemovalFailures = 0
        /// The most recent failure of either kind.
        public var lastFailure: TaskLogError?
        /// When it happened.
        public var lastFailureAt: Date?
    }

    private let state = Mutex(Snapshot())

    /// An empty counter.
    public init() {}

    /// The counts now.
    public var snapshot: Snapshot { state.withLock { $0 } }

    /// Counts one failure.
    func record(_ kind: Kind, _ error: TaskLogError, at date: Date = Date()) {
        state.withLock {
            switch kind {
            case .taskLogWrite: $0.taskLogWriteFailures += 1
            case .jobFolderRemoval: $0.jobFolderRemovalFailures += 1
            }
            $0.lastFailure = error
            $0.lastFailureAt = date
        }
    }
}
