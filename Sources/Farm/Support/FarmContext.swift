import Foundation
import Logging
import Storage

/// What every use case needs: the database, the settings and the task log files.
public struct FarmContext: Sendable {
    /// The database.
    public let database: FarmDatabase
    /// Resolved settings.
    public let settings: FarmSettings
    /// Task log files.
    public let logs: TaskLogStore

    /// Creates a context; task log failures are logged with `logger`.
    public init(database: FarmDatabase, settings: FarmSettings, logger: Logger = Logger(label: "tablao.task-logs")) {
        self.database = database
        self.settings = settings
        self.logs = TaskLogStore(root: settings.storageRoot, maximumBytes: settings.taskLogMaximumBytes, logger: logger)
    }
}
