import Foundation
import ProcessSpawning
import Testing

/// Runs the real `tablao` executable built next to the test bundle and collects what it printed.
enum TablaoProcess {
    /// How one run ended.
    struct Outcome: Sendable {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Runs `tablao arguments…` to completion, with `environment` added to this process's environment.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        let binary = try #require(
            binaryURL(),
            "tablao binary not found next to the test bundle; build with `swift build --build-tests` first")
        let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appending(path: "stdout")
        let errURL = folder.appending(path: "stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = SpawnedProcess()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Outcome(
            status: status, standardOutput: try String(contentsOf: outURL, encoding: .utf8),
            standardError: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// `tablao` beside the test bundle or the test runner (see StorageTests' CrashSafetyTests).
    private static func binaryURL() -> URL? {
        var directories: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let first = CommandLine.arguments.first {
            let executable = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            directories += [
                executable.deletingLastPathComponent(), executable.deletingLastPathComponent().deletingLastPathComponent(),
            ]
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return directories.map { $0.appendingPathComponent("tablao") }.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }
    }
}
