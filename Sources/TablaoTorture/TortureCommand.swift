import ArgumentParser
import Foundation
import Torture

/// `tablao-torture`: drain a seeded farm through the real `tablao` while SIGKILLing it, then check nothing was
/// assigned twice, lost or completed twice (issue 5 item 7).
@main
struct TortureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tablao-torture",
        abstract: "Crash-test the Manager: simulated workers drain a seeded database while tablao is SIGKILLed.")

    @Option(help: "Simulated workers.") var workers = 32
    @Option(help: "Tasks to seed (jobs of 100 misc tasks).") var tasks = 2_000
    @Option(help: "How many times the manager is SIGKILLed and restarted.") var kills = 3
    @Option(name: .customLong("tablao"), help: "The tablao executable (default: next to this one).")
    var tablaoPath: String?
    @Option(help: "Seed of the random choices (default: random, printed).") var seed: UInt64?
    @Option(help: "Seconds the workload may take before it is judged as it stands.") var timeout = 300
    @Option(help: "Folder for the database and the manager's log (default: a new temporary folder).")
    var workDirectory: String?
    @Option(help: "Make the storage folder (a 4 MiB tmpfs; needs mount) full or read-only at 30 % of the tasks.")
    var storageFault: StorageFaultArgument?

    func validate() throws {
        guard workers > 0 else { throw ValidationError("--workers must be positive") }
        guard tasks > 0 else { throw ValidationError("--tasks must be positive") }
        guard kills >= 0 else { throw ValidationError("--kills must not be negative") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() async throws {
        guard let tablao = tablaoPath ?? TortureConfiguration.tablaoNextToExecutable() else {
            throw ValidationError("no tablao executable next to tablao-torture; build it or pass --tablao PATH")
        }
        var configuration = TortureConfiguration(tablaoPath: tablao)
        configuration.workers = workers
        configuration.tasks = tasks
        configuration.kills = kills
        configuration.timeout = .seconds(timeout)
        if let seed { configuration.seed = seed }
        configuration.storageFault = storageFault.flatMap { StorageFault(rawValue: $0.rawValue) }
        configuration.workDirectory = workDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
        configuration.progress = { line in print(line) }
        print("tablao-torture: \(workers) workers, \(tasks) tasks, \(kills) kills, seed \(configuration.seed)")
        let report = try await TortureRun.run(configuration)
        print("")
        print(report.summary)
        print("")
        print(report.finalLine)
        if !report.passed { throw ExitCode.failure }
        if workDirectory == nil { try? FileManager.default.removeItem(atPath: report.workDirectory) }
    }
}

/// `--storage-fault full|read-only`.
enum StorageFaultArgument: String, ExpressibleByArgument, CaseIterable {
    case full
    case readOnly = "read-only"
}
