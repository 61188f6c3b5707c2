import Foundation

/// What the worker runs with: `tablao-worker.yaml`, then environment, then flags (worker-agent.md §1.2–§1.3).
public struct WorkerConfiguration: Sendable {
    /// Task types sent at registration and sign-on when the file names none.
    public static let defaultTaskTypes = ["blender", "ffmpeg", "file-management", "misc"]

    /// Base URL of the Manager; empty means "none configured".
    public var managerURL: String = ""
    /// Sent as `supported_task_types`.
    public var taskTypes: [String] = WorkerConfiguration.defaultTaskTypes
    /// Non-zero: `can_restart` is sent and a `restart` request exits with this code.
    public var restartExitCode: Int32 = 0
    /// Display name; empty → environment → hostname.
    public var workerName: String = ""
    /// Directory of the private files (credentials).
    public var home: String = WorkerConfiguration.defaultHome(environment: [:])
    /// Loop timings; shortened by tests.
    public var timing: WorkerTiming = .standard

    public init() {}

    /// The credentials file inside ``home``.
    public var credentialsPath: String { (home as NSString).appendingPathComponent("tablao-worker-credentials.yaml") }

    /// The upstream buffer inside ``home``.
    public var bufferPath: String { (home as NSString).appendingPathComponent("tablao-worker.sqlite") }

    /// The name sent at registration and sign-on.
    public func resolvedName(environment: [String: String]) -> String {
        let configured = workerName.trimmingCharacters(in: .whitespacesAndNewlines)
        if !configured.isEmpty { return configured }
        for key in ["TABLAO_WORKER_NAME", "FLAMENCO_WORKER_NAME"] {
            let value = (environment[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !value.isEmpty { return value }
        }
        return ProcessInfo.processInfo.hostName
    }

    /// `TABLAO_WORKER_HOME`, `FLAMENCO_HOME`, else `$XDG_DATA_HOME/tablao` (usually `~/.local/share/tablao`).
    public static func defaultHome(environment: [String: String]) -> String {
        for key in ["TABLAO_WORKER_HOME", "FLAMENCO_HOME"] {
            if let value = environment[key], !value.isEmpty { return value }
        }
        #if os(macOS)
        let base = NSHomeDirectory() + "/Library/Application Support"
        return base + "/Tablao"
        #else
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return base + "/tablao"
        #endif
    }
}
