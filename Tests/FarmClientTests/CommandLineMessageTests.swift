import Foundation
import Testing

/// What the real `tablao` prints when something is wrong: one line that names the problem and what to do, no
/// usage text (the command line was right), and no raw NIO error values.
@Suite struct CommandLineMessageTests {
    /// `localhost` is tried as `::1` and `127.0.0.1`; both failures used to be printed as NIO's
    /// `NIOConnectionError`/`SingleConnectionFailure` text.
    @Test(arguments: [["jobs"], ["workers"], ["job-types"], ["submit", "--type", "echo-sleep-test"]])
    func unreachableManagerIsOneReadableLine(command: [String]) async throws {
        let run = try await TablaoProcess.run(command + ["--manager", "http://localhost:1"])
        #expect(run.status == 1)
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(run.standardError)")
        let line = String(lines.first ?? "")
        #expect(line.hasPrefix("tablao \(command[0]): cannot reach the Manager at http://localhost:1: "), "\(line)")
        #expect(line.contains("connection refused"), "\(line)")
        #expect(line.contains("--manager"), "says how to point at the Manager: \(line)")
        #expect(!line.contains("SingleConnectionFailure") && !line.contains("NIOConnectionError"), "\(line)")
    }

    /// A mistyped key in `tablao serve`'s file: the key, the file and the nearest known key; no usage text.
    @Test func serveRefusesAnUnknownKeyWithASuggestion() async throws {
        try await withFile("tablao.yaml", "listen: 127.0.0.1:0\nwroker_timeout: 5m\n") { path in
            let run = try await TablaoProcess.run(["serve", "--config", path])
            #expect(run.status == 64)  // invalid configuration: the systemd unit does not restart on it
            #expect(run.standardError.contains("wroker_timeout (from \(path)): unknown setting; did you mean \"worker_timeout\"?"),
                    "\(run.standardError)")
            Self.expectNoUsage(run)
        }
    }

    /// The same for `tablao worker`: a typo in `worker_name` used to register the worker under the host name.
    @Test func workerRefusesAnUnknownKeyWithASuggestion() async throws {
        try await withFile("tablao-worker.yaml", "manager_url: http://127.0.0.1:1/\nworker_nmae: render-07\n") { path in
            let run = try await TablaoProcess.run(["worker", "--config", path])
            #expect(run.status == 64)
            #expect(run.standardError.contains("worker_nmae: unknown setting; did you mean \"worker_name\"?"),
                    "\(run.standardError)")
            #expect(run.standardError.hasPrefix("tablao worker: "))
            Self.expectNoUsage(run)
        }
    }

    @Test func migrateOnAMissingFileNamesItWithoutUsage() async throws {
        let missing = FileManager.default.temporaryDirectory.appending(path: "tablao-none-\(UUID().uuidString).sqlite")
        let run = try await TablaoProcess.run(["migrate", "status", "--database", missing.path])
        #expect(run.status != 0)
        #expect(run.standardError.contains(missing.path), "\(run.standardError)")
        Self.expectNoUsage(run)
    }

    private static func expectNoUsage(_ run: TablaoProcess.Outcome) {
        #expect(!run.standardError.contains("Usage:") && !run.standardError.contains("--help"), "\(run.standardError)")
    }

    private func withFile(_ name: String, _ text: String, _ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appending(path: name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try await body(path)
    }
}
