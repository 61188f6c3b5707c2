import Foundation
import ProcessSpawning
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A process started by a test, its stdout and stderr in one log file, its end recorded when it happens.
final class ChildProcess: Sendable {
    /// How a child process ended.
    struct Exit: Sendable, Equatable, CustomStringConvertible {
        /// The exit status, or the signal number when `bySignal`.
        let status: Int32
        /// Whether a signal ended the process.
        let bySignal: Bool

        var description: String { bySignal ? "killed by signal \(status)" : "exited with status \(status)" }
    }

    /// The name failure messages use, e.g. `manager` or `e2e-worker-2`.
    let label: String
    /// The process id.
    let pid: Int32
    /// Where its stdout and stderr go.
    let logURL: URL
    private let recorder: ExitRecorder
    /// Foundation's handle, kept alive until the process has ended.
    private let handle: Mutex<SpawnedProcess?>

    /// Starts `executable` with exactly `environment`, in `directory`, output appended to `logURL`.
    init(
        label: String, executable: URL, arguments: [String], environment: [String: String], directory: URL,
        logURL: URL
    ) throws {
        if !FileManager.default.fileExists(atPath: logURL.path) {
            _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: logURL)
        defer { try? log.close() }
        try log.seekToEnd()
        let recorder = ExitRecorder()
        let process = SpawnedProcess()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        process.terminationHandler = { finished in
            recorder.record(
                Exit(status: finished.terminationStatus, bySignal: finished.terminationReason == .uncaughtSignal))
        }
        try process.run()
        self.label = label
        self.pid = process.processIdentifier
        self.logURL = logURL
        self.recorder = recorder
        self.handle = Mutex(process)
    }

    /// How it ended; nil while it runs.
    var exit: Exit? { recorder.exit }

    /// Sends `signal` unless the process has already ended (its pid may then belong to someone else).
    func send(_ signal: Int32) {
        guard exit == nil else { return }
        _ = kill(pid, signal)
    }

    /// Waits until the process has ended or `limit` passed; nil on time-out.
    func waitForExit(upTo limit: Duration) async -> Exit? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let exit {
                handle.withLock { $0 = nil }
                return exit
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return exit
    }

    /// SIGTERM, then SIGKILL when it is still running after `grace`; how it ended (nil: it would not die).
    @discardableResult
    func stop(grace: Duration) async -> Exit? {
        send(SIGTERM)
        if let exit = await waitForExit(upTo: grace) { return exit }
        send(SIGKILL)
        return await waitForExit(upTo: .seconds(10))
    }

    /// The last `count` lines of its output.
    func logTail(lines count: Int = 40) -> String {
        let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? "(no output)"
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }
}

/// Receives the end of a process from Foundation's termination handler.
private final class ExitRecorder: Sendable {
    private let ending = Mutex<ChildProcess.Exit?>(nil)

    var exit: ChildProcess.Exit? { ending.withLock { $0 } }

    func record(_ exit: ChildProcess.Exit) { ending.withLock { $0 = exit } }
}
