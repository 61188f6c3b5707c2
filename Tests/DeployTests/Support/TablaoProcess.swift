import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import ProcessSpawning
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `tablao` executable, found next to the test bundle (`swift build --product tablao` first).
enum TablaoBinary {
    /// `$TABLAO_BINARY`, else `tablao` in the folder of the running test executable or bundle; nil if none.
    static func locate() -> URL? {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["TABLAO_BINARY"], !path.isEmpty {
            candidates.append(URL(fileURLWithPath: path))
        }
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.resolvingSymlinksInPath().deletingLastPathComponent().appending(path: "tablao"))
        }
        candidates.append(Bundle.main.bundleURL.resolvingSymlinksInPath().appending(path: "tablao"))
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(argument0.deletingLastPathComponent().appending(path: "tablao"))
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appending(path: "tablao"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// Failures of the harness itself (not of the behaviour under test).
struct DeployTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The exit status of a child process, set once by `SpawnedProcess.terminationHandler`.
final class ExitStatus: Sendable {
    private let state = Mutex<Int32?>(nil)

    var value: Int32? { state.withLock { $0 } }

    func record(_ status: Int32) { state.withLock { $0 = status } }

    /// Polls until the process has exited or `limit` has passed; nil on time-out.
    func wait(upTo limit: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let value { return value }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return value
    }
}

/// `tablao serve` as a child process on one database, its stderr in a log file.
struct RunningManager {
    let process: SpawnedProcess
    let exit: ExitStatus
    let baseURL: String
    let logURL: URL

    /// Starts `tablao serve` on a free loopback port and returns once `GET /api/v3/version` answers 200.
    static func start(
        binary: URL, database: URL, storage: URL, log logURL: URL, client: HTTPClient, extraArguments: [String] = []
    ) async throws -> RunningManager {
        for _ in 1...3 {
            let port = try await freeLoopbackPort()
            _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
            let log = try FileHandle(forWritingTo: logURL)
            defer { try? log.close() }
            let process = SpawnedProcess()
            process.executableURL = binary
            process.arguments = [
                "serve", "--listen", "127.0.0.1:\(port)", "--database", database.path, "--storage", storage.path,
                "--log-level", "notice",
            ] + extraArguments
            process.environment = cleanEnvironment()
            process.standardOutput = log
            process.standardError = log
            process.standardInput = FileHandle.nullDevice
            let exit = ExitStatus()
            process.terminationHandler = { exit.record($0.terminationStatus) }
            try process.run()
            let manager = RunningManager(process: process, exit: exit, baseURL: "http://127.0.0.1:\(port)", logURL: logURL)
            if try await manager.waitUntilReady(client: client) { return manager }
            if exit.value == nil { _ = await manager.stop() }
        }
        throw DeployTestError("tablao did not start; see \(logURL.path):\n\(tailOfLog(logURL))")
    }

    /// SIGTERM (graceful shutdown), then the exit status; SIGKILL and nil if it is still running after `grace`.
    func stop(grace: Duration = .seconds(30)) async -> Int32? {
        if exit.value == nil { kill(process.processIdentifier, SIGTERM) }
        if let status = await exit.wait(upTo: grace) { return status }
        kill(process.processIdentifier, SIGKILL)
        _ = await exit.wait(upTo: .seconds(10))
        return nil
    }

    /// The end of the manager's log, for failure messages.
    var logTail: String { tailOfLog(logURL) }

    private func waitUntilReady(client: HTTPClient) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if exit.value != nil { return false }
            var request = HTTPClientRequest(url: baseURL + "/api/v3/version")
            request.method = .GET
            if let response = try? await client.execute(request, timeout: .seconds(2)) {
                _ = try? await response.body.collect(upTo: 1 << 16)
                if response.status == .ok { return true }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// A loopback TCP port nobody listens on right now.
    private static func freeLoopbackPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port
        try await channel.close()
        guard let port else { throw DeployTestError("no free loopback port") }
        return port
    }
}

private func tailOfLog(_ url: URL) -> String {
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(30).joined(separator: "\n")
}

/// This process's environment without `TABLAO_*` variables, which `tablao serve` would read as settings (and
/// reject when unknown, like `TABLAO_BINARY`).
func cleanEnvironment() -> [String: String] {
    ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TABLAO_") }
}

/// Runs a short command to its end off Swift's cooperative pool; returns its exit status and combined output.
func runCommand(_ executable: URL, _ arguments: [String]) async throws -> (status: Int32, output: String) {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            do {
                let process = SpawnedProcess()
                process.executableURL = executable
                process.arguments = arguments
                process.environment = cleanEnvironment()
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = pipe
                process.standardInput = FileHandle.nullDevice
                try process.run()
                let output = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, String(decoding: output, as: UTF8.self)))
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}

/// A worker's Basic-auth credentials.
struct WorkerCredentials: Sendable {
    let id: String
    let secret: String

    var authorization: String { "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString() }
}

/// JSON over HTTP to one manager.
struct ManagerHTTP: Sendable {
    struct Answer: Sendable {
        let status: Int
        let body: Data

        /// The body as a JSON object, or nil.
        var object: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let client: HTTPClient
    let baseURL: String

    func send(
        _ method: HTTPMethod, _ path: String, as worker: WorkerCredentials? = nil, json: Data? = nil
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let worker { request.headers.add(name: "Authorization", value: worker.authorization) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        let response = try await client.execute(request, timeout: .seconds(20))
        let body = try await response.body.collect(upTo: 8 << 20)
        return Answer(status: Int(response.status.code), body: Data(body.readableBytesView))
    }
}

/// A JSON object's bytes.
func jsonBody(_ object: [String: Any]) -> Data {
    (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
}
