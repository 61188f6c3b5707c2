import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ProcessSpawning

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real `tablao serve` as a child process on one scratch database, with its start-up time and peak RSS.
final class ManagerUnderTest: @unchecked Sendable {
    struct DidNotStart: Error, CustomStringConvertible {
        let log: String
        var description: String { "tablao serve did not answer; see \(log)" }
    }

    let process = SpawnedProcess()
    let port: Int
    let logURL: URL
    /// Seconds from launching the process to its first answered request.
    private(set) var startupSeconds: Double = 0

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Launches `tablao serve` and returns once `GET /api/v3/version` answers 200.
    init(
        executable: URL, database: String, storage: String, logURL: URL, port: Int, jobTypesDir: String? = nil
    ) async throws {
        self.port = port
        self.logURL = logURL
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.executableURL = executable
        process.arguments = [
            "serve", "--listen", "127.0.0.1:\(port)", "--database", database, "--storage", storage,
        ]
        if let jobTypesDir {
            process.environment = ProcessInfo.processInfo.environment.merging(["TABLAO_JOB_TYPES_DIR": jobTypesDir]) { $1 }
        }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        let started = ContinuousClock.now
        try process.run()
        let probe = BenchHTTP(client: BenchHTTP.makeClient(connections: 1), baseURL: "http://127.0.0.1:\(port)")
        while process.isRunning, ContinuousClock.now - started < .seconds(120) {
            if let answer = try? await probe.send(.GET, "/api/v3/version", timeout: .seconds(5)), answer.status == 200 {
                startupSeconds = (ContinuousClock.now - started).seconds
                try? await probe.client.shutdown()
                return
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        try? await probe.client.shutdown()
        process.terminate()
        throw DidNotStart(log: logURL.path)
    }

    /// The manager's peak resident set size in MB (`VmHWM` of /proc/<pid>/status).
    var peakRSSMegabytes: Double {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }

    /// CPU seconds (user + system) the manager has used so far, from /proc/<pid>/stat.
    var cpuSeconds: Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after the command name: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The manager's process ID (for `perf record -p`).
    var pid: Int32 { process.processIdentifier }

    /// Stops the manager with SIGTERM (graceful shutdown) and waits for it, SIGKILL after 60 s.
    func stop() async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
