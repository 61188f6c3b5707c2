import FarmModel
import Foundation

/// The settings the farm's use cases need; `Tablao` resolves them from configuration once.
public struct FarmSettings: Sendable {
    /// Root folder of task logs and previews.
    public var storageRoot: URL
    /// Failure thresholds (protocol.md §8.1).
    public var failureThresholds: TaskFailureThresholds
    /// Variables expanded into assigned tasks per worker platform (protocol.md §7.5).
    public var variables: VariableSet
    /// The Manager's local time zone (sleep schedules, `{timestamp}` in render paths).
    public var timeZone: TimeZone
    /// Bounds on what one job may store.
    public var storageLimits: JobStorageLimits
    /// A task log stops growing at this size, ending with one marker line; nil for no limit.
    public var taskLogMaximumBytes: Int?

    /// Settings with Flamenco's defaults.
    public init(
        storageRoot: URL, failureThresholds: TaskFailureThresholds = .standard, variables: VariableSet? = nil,
        timeZone: TimeZone = .current, storageLimits: JobStorageLimits = .standard,
        taskLogMaximumBytes: Int? = FarmSettings.defaultTaskLogMaximumBytes
    ) {
        self.storageRoot = storageRoot
        self.failureThresholds = failureThresholds
        self.variables = variables ?? .defaults(sharedStoragePath: storageRoot.path)
        self.timeZone = timeZone
        self.storageLimits = storageLimits
        self.taskLogMaximumBytes = taskLogMaximumBytes
    }

    /// 64 MiB: far above a long Blender render's log, far below what fills a disk.
    public static let defaultTaskLogMaximumBytes = 64 << 20
}
