import Foundation

extension SpawnedProcess {
    /// How a command run by ``runQuietly(_:)`` ended.
    public struct QuietOutcome: Sendable {
        /// It ran and exited with status 0.
        public let succeeded: Bool
        /// Why it did not succeed ("mount … exited 32", "umount did not run: …"), or the command line when it did.
        public let reason: String
    }

    /// Runs `arguments` (the program looked up on the PATH through `/usr/bin/env`) with its output discarded, and
    /// waits for it: for system tools such as `mount`, `umount` and `chattr`.
    public static func runQuietly(_ arguments: [String]) -> QuietOutcome {
        let process = SpawnedProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return QuietOutcome(succeeded: false, reason: "\(arguments.first ?? "") did not run: \(error)")
        }
        let line = arguments.joined(separator: " ")
        guard process.terminationStatus == 0 else {
            return QuietOutcome(succeeded: false, reason: "\(line) exited \(process.terminationStatus)")
        }
        return QuietOutcome(succeeded: true, reason: line)
    }
}
