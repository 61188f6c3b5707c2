import Foundation
import NIOCore
import NIOPosix
import ProcessSpawning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of `tablao serve` that is expected to refuse to start: its exit status and everything it printed.
struct ServeAttempt {
    /// The exit status; nil when it was still running after the limit (it was then killed).
    let status: Int32?
    let output: String

    /// Runs `tablao serve ARGUMENTS` and waits up to `limit` for it to exit.
    static func run(binary: URL, _ arguments: [String], log: URL, limit: Duration = .seconds(30)) async throws
        -> ServeAttempt
    {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = SpawnedProcess()
        process.executableURL = binary
        process.arguments = ["serve"] + arguments
        process.environment = cleanEnvironment()
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let exit = ExitStatus()
        process.terminationHandler = { exit.record($0.terminationStatus) }
        try process.run()
        var status = await exit.wait(upTo: limit)
        if status == nil {
            kill(process.processIdentifier, SIGKILL)
            _ = await exit.wait(upTo: .seconds(10))
            status = nil
        }
        return ServeAttempt(status: status, output: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}

/// A loopback TCP port held open by this test process until `close()` (an "address already in use").
func heldLoopbackPort() async throws -> (port: Int, channel: any Channel) {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).get()
    guard let port = channel.localAddress?.port else { throw DeployTestError("no free loopback port") }
    return (port, channel)
}

/// A loopback TCP port nobody listens on right now.
func freeLoopbackPort() async throws -> Int {
    let (port, channel) = try await heldLoopbackPort()
    try await channel.close()
    return port
}

/// A fresh temporary folder for one test.
func temporaryFolder(_ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// Whether `chattr +i` works here (root with CAP_LINUX_IMMUTABLE on a file system that supports it): the only way
/// to make a folder unwritable for root, who ignores mode bits.
let immutableFlagWorks: Bool = {
    guard let folder = try? temporaryFolder("chattr-probe") else { return false }
    defer { try? FileManager.default.removeItem(at: folder) }
    guard setImmutable(folder, true) else { return false }
    let created = FileManager.default.createFile(atPath: folder.appending(path: "probe").path, contents: Data())
    _ = setImmutable(folder, false)
    return !created
}()

/// `chattr +i` / `chattr -i`; false when it failed.
@discardableResult
func setImmutable(_ url: URL, _ on: Bool) -> Bool {
    SpawnedProcess.runQuietly(["chattr", on ? "+i" : "-i", url.path]).succeeded
}
