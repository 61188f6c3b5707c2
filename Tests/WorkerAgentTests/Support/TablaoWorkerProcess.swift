import Foundation
import ProcessSpawning

/// The real `tablao worker` executable run as a child process (signals and exit statuses, worker-agent.md §1.8).
struct TablaoWorkerProcess: Sendable {
    let process: SpawnedProcess

    /// Launches `tablao worker <arguments>` with `home` as its private folder and `directory` as working directory.
    static func launch(_ arguments: [String], home: String, directory: URL) throws -> TablaoWorkerProcess {
        guard let binary = tablaoBinary() else {
            throw TestFailure("the tablao executable is not next to the test bundle; run `swift build --build-tests`")
        }
        let process = SpawnedProcess()
        process.executableURL = binary
        process.arguments = ["worker"] + arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for key in ["TABLAO_WORKER_NAME", "FLAMENCO_WORKER_NAME", "FLAMENCO_HOME"] { environment[key] = nil }
        environment["TABLAO_WORKER_HOME"] = home
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return TablaoWorkerProcess(process: process)
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// The exit status once the process ended within `seconds`; otherwise it is killed and `nil` returned.
    func exitStatus(within seconds: Double) async -> Int32? {
        let ended = await eventually(within: seconds) { !process.isRunning }
        guard ended else {
            send(SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }

    /// The `tablao` executable built next to the test bundle.
    private static func tablaoBinary() -> URL? {
        var directories: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let first = CommandLine.arguments.first {
            let executable = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            directories += [executable.deletingLastPathComponent(), executable.deletingLastPathComponent().deletingLastPathComponent()]
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return directories.map { $0.appendingPathComponent("tablao") }.first { candidate in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: candidate.path)
        }
    }
}
