import ArgumentParser
import Foundation

/// `tablao-bench submit`: only the two 10,000-task submissions (native `simple-blender-render` and a JavaScript
/// job type) against the real manager on a fresh database, repeated; prints their medians.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Time 10,000-task submissions: the native type and a JavaScript job type.")

    @Option(name: .long, help: "Submissions of each kind.") var repeats: Int = 5
    @Option(name: .long, help: "The `tablao` executable (default: next to this one).") var tablao: String?

    func run() async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "tablao-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scripts = folder.appending(path: "job-types")
        try ScriptedSubmitPhase.install(in: scripts)
        let executable = tablao.map { URL(fileURLWithPath: $0) } ?? SuiteCommand.siblingExecutable()
        let manager = try await ManagerUnderTest(
            executable: executable, database: folder.appending(path: "farm.sqlite").path,
            storage: folder.appending(path: "storage").path, logURL: folder.appending(path: "manager.log"),
            port: try await FreePort.loopback(), jobTypesDir: scripts.path)
        let http = BenchHTTP(client: BenchHTTP.makeClient(connections: 1), baseURL: manager.baseURL)
        var native: [Double] = []
        var scripted: [Double] = []
        do {
            for round in 1...repeats {
                native.append(try await SubmitPhase.run(http))
                scripted.append(try await ScriptedSubmitPhase.run(http))
                Console.line(
                    String(format: "round %d: native %.3f s, JavaScript %.3f s", round, native.last!, scripted.last!))
            }
        } catch {
            await http.shutdown()
            await manager.stop()
            throw error
        }
        await http.shutdown()
        await manager.stop()
        Console.line("")
        Console.line("| figure | median (s) | target |\n|---|---:|---|")
        Console.line(
            String(
                format: "| submit_10k_s (simple-blender-render, 10,001 tasks) | %.3f | ≤ %.1f |", native.median,
                SuiteRun.Target.submitSeconds))
        Console.line(
            String(
                format: "| jobtype_js_10k_s (JavaScript job type, 10,001 tasks) | %.3f | ≤ %.1f |", scripted.median,
                SuiteRun.Target.scriptedSubmitSeconds))
    }
}
