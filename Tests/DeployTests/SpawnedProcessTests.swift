import Foundation
import ProcessSpawning
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The posix_spawn launcher the tests and tools use instead of Foundation.Process: what the child gets (arguments,
/// environment, working directory, standard streams, no other descriptors) and how its end is reported.
struct SpawnedProcessTests {
    private func shell(_ script: String, configure: (SpawnedProcess) -> Void = { _ in }) throws -> (SpawnedProcess, String) {
        let process = SpawnedProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        configure(process)
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process, String(decoding: output, as: UTF8.self))
    }

    @Test func passesArgumentsEnvironmentAndDirectoryAndReportsTheExitStatus() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "spawned-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (process, output) = try shell(#"printf '%s|%s|' "$GREETING" "$(pwd)"; cat; exit 7"#) {
            $0.environment = ["GREETING": "hello farm", "PATH": "/usr/bin:/bin"]
            $0.currentDirectoryURL = folder
        }
        #expect(output == "hello farm|\(folder.resolvingSymlinksInPath().path)|")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 7)
        #expect(!process.isRunning)
    }

    @Test func reportsTheSignalThatEndedTheChildAndCallsTheHandlerOnce() async throws {
        let process = SpawnedProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = ["30"]
        let calls = Counter()
        process.terminationHandler = { _ in calls.increment() }
        try process.run()
        #expect(process.isRunning)
        #expect(process.processIdentifier > 0)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGKILL)
        try await Task.sleep(for: .milliseconds(100))
        #expect(calls.value == 1)
    }

    @Test func theChildInheritsNoDescriptorBeyondTheStandardThree() throws {
        let kept = open("/dev/null", O_RDONLY)  // without close-on-exec
        defer { close(kept) }
        let (_, output) = try shell("ls /proc/self/fd")
        let descriptors = output.split(separator: "\n").compactMap { Int($0) }
        // 0, 1, 2, and the descriptor `ls` itself opens to read the folder.
        #expect(!descriptors.contains(Int(kept)), "inherited: \(descriptors)")
        #expect(descriptors.filter { $0 > 2 }.count <= 1, "inherited: \(descriptors)")
    }

    @Test func aMissingProgramThrowsInsteadOfStarting() {
        let process = SpawnedProcess()
        process.executableURL = URL(fileURLWithPath: "/nonexistent/program")
        #expect(throws: POSIXError.self) { try process.run() }
        #expect(!process.isRunning)
    }
}

/// A thread-safe call counter.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
