import ArgumentParser
import Foundation

/// `tablao-bench` (default): the limits of this machine, then the real `tablao serve` under simulated workers at
/// several farm depths; prints a table of figures, limits and ratios, and optionally writes it as JSON.
struct SuiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suite", abstract: "Full benchmark: limits, then the real manager under simulated workers.")

    @Flag(name: .long, help: "Depths 1,000 and 100,000 only, shorter phases (about 5 minutes on 2 cores).")
    var quick = false
    @Option(name: .long, help: "Write the figures as JSON to this file.") var json: String?
    @Option(name: .long, help: "Simulated workers (one keep-alive connection each).") var workers: Int = 64
    @Option(name: .long, help: "Folder for the scratch databases (same disk as a real farm's).")
    var scratch: String = NSTemporaryDirectory()
    @Option(name: .long, help: "The `tablao` executable (default: next to this one).") var tablao: String?
    @Option(name: .long, help: "Measured seconds per phase (default 4 with --quick, 10 otherwise).")
    var seconds: Int?

    func run() async throws {
        let plan = SuitePlan(
            depths: quick ? [1_000, 100_000] : [1_000, 100_000, 1_000_000], workers: workers,
            warmUp: .seconds(quick ? 1 : 2), measure: .seconds(seconds ?? (quick ? 4 : 10)))
        let folder = URL(fileURLWithPath: scratch).appending(path: "tablao-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let executable = tablao.map { URL(fileURLWithPath: $0) } ?? Self.siblingExecutable()
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ValidationError(
                "No tablao executable at \(executable.path); build it (swift build -c release --product tablao) or pass --tablao.")
        }
        let machine = MachineInfo.current()
        Console.line("tablao-bench: \(machine.summary); \(plan.workers) workers; scratch \(folder.path)")
        let figures = try await SuiteRun(plan: plan, folder: folder, executable: executable).run()
        Console.line("")
        Console.line(figures.table)
        if let json {
            let data = try figures.jsonData(extra: [
                "date": ISO8601DateFormatter().string(from: Date()), "machine": machine.summary,
                "workers": plan.workers, "depths": plan.depths, "quick": quick,
            ])
            try data.write(to: URL(fileURLWithPath: json))
            Console.line("\nwrote \(json)")
        }
    }

    /// `tablao` in the folder holding this executable (.build/release for `swift run -c release`).
    static func siblingExecutable() -> URL {
        let own = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return own.resolvingSymlinksInPath().deletingLastPathComponent().appending(path: "tablao")
    }
}

/// What a suite run measures: depths, workers and phase lengths.
struct SuitePlan: Sendable {
    var depths: [Int]
    var workers: Int
    var warmUp: Duration
    var measure: Duration
}
