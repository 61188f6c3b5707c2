import Foundation

/// What one torture run does: how many workers, tasks and manager kills, and where the `tablao` binary is.
public struct TortureConfiguration: Sendable {
    /// Simulated workers, each on its own keep-alive connection.
    public var workers: Int = 32
    /// Tasks to seed, in jobs of `tasksPerJob` `misc` tasks without dependencies.
    public var tasks: Int = 2_000
    /// Tasks per seeded job.
    public var tasksPerJob: Int = 100
    /// Times the manager is SIGKILLed and restarted on the same database.
    public var kills: Int = 3
    /// The `tablao` executable to run as the manager.
    public var tablaoPath: String
    /// Seed of every random choice the harness makes (kill moments, may-i-run calls, backoff).
    public var seed: UInt64 = UInt64.random(in: 0 ... .max)
    /// How long the workload may run before it is stopped and judged as it stands.
    public var timeout: Duration = .seconds(300)
    /// Chance that a worker asks may-i-run before completing its task.
    public var mayIRunProbability: Double = 0.25
    /// Folder for the database, the storage root and the manager's log; a fresh temporary one if nil.
    public var workDirectory: URL?
    /// A fault of the storage folder injected once 30 % of the tasks are completed; none by default.
    public var storageFault: StorageFault?
    /// Receives progress lines (kills, restarts); silent by default.
    public var progress: @Sendable (String) -> Void = { _ in }

    /// A configuration with the defaults of issue 5 item 7 (32 workers, 2,000 tasks, 3 kills).
    public init(tablaoPath: String) {
        self.tablaoPath = tablaoPath
    }

    /// The `tablao` binary in the same folder as the running executable, or nil if there is none.
    ///
    /// Under `swift test` on Linux the running executable is `.build/<triple>/debug/tablaoPackageTests.xctest`,
    /// next to `.build/<triple>/debug/tablao`; for `tablao-torture` it is its own folder.
    public static func tablaoNextToExecutable() -> String? {
        var candidates: [URL] = []
        if let environment = ProcessInfo.processInfo.environment["TABLAO_BINARY"], !environment.isEmpty {
            candidates.append(URL(fileURLWithPath: environment))
        }
        if let executable = Bundle.main.executableURL {
            candidates.append(
                executable.resolvingSymlinksInPath().deletingLastPathComponent().appending(path: "tablao"))
        }
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(argument0.deletingLastPathComponent().appending(path: "tablao"))
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appending(path: "tablao"))
        }
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
