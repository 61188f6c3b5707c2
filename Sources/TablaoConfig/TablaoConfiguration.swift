import Foundation

/// Every setting of `tablao serve`, with its default. This file is the one place defaults live.
public struct TablaoConfiguration: Sendable, Equatable {
    /// Where the HTTP API listens, `HOST:PORT`.
    public var listen = "0.0.0.0:8080"
    /// The SQLite database file.
    public var database = "./tablao.sqlite"
    /// Folder of task logs and last-rendered previews.
    public var storage = "./tablao-storage"
    /// Log level: trace, debug, info, notice, warning, error, critical.
    public var logLevel = "info"
    /// `normal` (a commit survives a crash of the process) or `full` (it also survives power loss).
    public var databaseSynchronous = "normal"
    /// An active task untouched this long fails (protocol.md §9); 0 disables the check.
    public var taskTimeout: Duration = .seconds(600)
    /// A worker unseen this long goes to `error` and loses its task; 0 disables the check.
    public var workerTimeout: Duration = .seconds(60)
    /// Failures of one worker on one job and task type before it is blocklisted (protocol.md §8.1).
    public var blocklistThreshold = 3
    /// Distinct workers that must fail a task before it is hard-failed.
    public var taskFailAfterSoftfailCount = 3
    /// When to run `PRAGMA quick_check` before serving (a failure stops start-up): `always`, `never`, or
    /// `after-crash` — only when the previous run did not shut down cleanly (its `-wal` file is still there).
    public var integrityCheckAtStartup = "after-crash"
    /// Period of the background `quick_check`; 0 disables it.
    public var integrityCheckInterval: Duration = .seconds(3600)
    /// Period of the background WAL checkpoint.
    public var walCheckpointInterval: Duration = .seconds(60)
    /// Period of the timeout checks (the first runs after `timeoutCheckInitialDelay`).
    public var timeoutCheckInterval: Duration = .seconds(60)
    /// Delay before the first timeout check, so workers can reconnect after a Manager restart.
    public var timeoutCheckInitialDelay: Duration = .seconds(300)
    /// Name reported by `GET /api/v3/version`.
    public var managerName = "Tablao"
    /// Shared storage path announced to the Blender add-on and used as the `{jobs}` variable; default: `storage`.
    public var sharedStoragePath: String?
    /// Longest string of one job setting, metadata entry or command parameter, in bytes (64 KiB).
    public var maxSettingStringBytes = 64 << 10
    /// Largest settings plus metadata of one job, as stored JSON, in bytes (1 MiB).
    public var maxJobSettingsBytes = 1 << 20
    /// Largest stored JSON of one command of a task, in bytes (256 KiB).
    public var maxCommandBytes = 256 << 10
    /// Largest stored JSON of all commands of one job's tasks together, in bytes (64 MiB).
    public var maxJobCommandBytes = 64 << 20
    /// A keep-alive HTTP connection with no request in progress is closed after this long.
    public var idleTimeout: Duration = .seconds(60)
    /// From its first byte, a request must have arrived whole within this long, or its connection is closed.
    public var requestReadTimeout: Duration = .seconds(60)
    /// HTTP connections open at once; one more is answered 503 and closed.
    public var maxConnections = 1000
    /// A task log stops growing at this many bytes (older lines kept, one marker line, later lines dropped); 0: no cap.
    public var taskLogMaxSize = 64 << 20
    /// Folder of job-type scripts (`*.js`, Flamenco's format), looked at again on every job-type request.
    public var jobTypesDir = "./scripts"
    /// Longest a job-type script may run to load or to compile one job before it is stopped.
    public var jobCompileTimeout: Duration = .seconds(10)
    /// Extra or overriding variables: name → platform → value (protocol.md §7.5).
    public var variables: [String: [String: String]] = [:]

    /// The defaults.
    public init() {}
}
