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

/// The real `tablao serve` as a child process on one database, which the killer SIGKILLs and restarts.
actor ManagerProcess {
    let executable: URL
    let port: Int
    let databasePath: String
    let storagePath: String
    let logURL: URL
    private var running: (process: SpawnedProcess, exit: ExitSignal)?
    private var log: FileHandle?
    /// How many times the manager was launched.
    private(set) var launches = 0

    init(executable: URL, port: Int, databasePath: String, storagePath: String, logURL: URL) {
        self.executable = executable
        self.port = port
        self.databasePath = databasePath
        self.storagePath = storagePath
        self.logURL = logURL
    }

    /// The manager's base URL.
    nonisolated var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Launches the manager and returns once `GET /api/v3/version` answers 200; retries a launch that exits early
    /// (for example while the port is still held by the killed process).
    func start(client: HTTPClient) async throws {
        for attempt in 1...5 {
            let launched = try launch()
            if try await waitUntilReady(launched.exit, client: client) { return }
            running = nil
            try await Task.sleep(for: .milliseconds(100 * attempt))
        }
        throw TortureError.managerDidNotStart(log: logURL.path)
    }

    /// SIGKILLs the manager and waits until it is gone.
    func kill() async {
        guard let running else { return }
        _ = send(SIGKILL, to: running.process)
        _ = await running.exit.wait(upTo: .seconds(30))
        self.running = nil
    }

    /// Stops the manager with SIGTERM (graceful shutdown, WAL checkpoint); SIGKILL after `grace`.
    ///
    /// - Returns: whether it exited on its own within `grace` with status 0.
    func stop(grace: Duration) async -> Bool {
        defer {
            try? log?.close()
            log = nil
            running = nil
        }
        guard let running else { return true }
        _ = send(SIGTERM, to: running.process)
        if let status = await running.exit.wait(upTo: grace) { return status == 0 }
        _ = send(SIGKILL, to: running.process)
        _ = await running.exit.wait(upTo: .seconds(30))
        return false
    }

    private func launch() throws -> (process: SpawnedProcess, exit: ExitSignal) {
        if log == nil {
            _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
            log = try FileHandle(forWritingTo: logURL)
        }
        try log?.seekToEnd()
        let process = SpawnedProcess()
        process.executableURL = executable
        process.arguments = [
            "serve", "--listen", "127.0.0.1:\(port)", "--database", databasePath, "--storage", storagePath,
            "--log-level", "notice",
        ]
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        let exit = ExitSignal()
        process.terminationHandler = { finished in exit.fire(finished.terminationStatus) }
        try process.run()
        launches += 1
        running = (process, exit)
        return (process, exit)
    }

    private func waitUntilReady(_ exit: ExitSignal, client: HTTPClient) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if exit.status != nil { return false }
            var request = HTTPClientRequest(url: baseURL + "/api/v3/version")
            request.method = .GET
            if let response = try? await client.execute(request, timeout: .seconds(2)), response.status == .ok {
                _ = try? await response.body.collect(upTo: 1 << 16)
                return true
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    private func send(_ number: Int32, to process: SpawnedProcess) -> Int32 {
        #if canImport(Glibc)
            Glibc.kill(process.processIdentifier, number)
        #else
            Darwin.kill(process.processIdentifier, number)
        #endif
    }

    /// A loopback TCP port nobody listens on right now.
    static func freeLoopbackPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port
        try await channel.close()
        guard let port else { throw TortureError.noFreePort }
        return port
    }
}

/// The exit status of a child process, set once by `SpawnedProcess.terminationHandler`.
final class ExitSignal: Sendable {
    private let state = Mutex<Int32?>(nil)

    /// The exit status, once the process has exited.
    var status: Int32? { state.withLock { $0 } }

    /// Records the exit status.
    func fire(_ status: Int32) { state.withLock { $0 = status } }

    /// Polls until the process has exited or `limit` has passed; nil on time-out.
    func wait(upTo limit: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let status { return status }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return status
    }
}
