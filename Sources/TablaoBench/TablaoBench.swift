import ArgumentParser

/// `tablao-bench`: Tablao's benchmarks, printed as tables (never asserted in tests).
@main
struct TablaoBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tablao-bench",
        abstract: "Measure Tablao on this machine and print a table of medians and ratios.",
        subcommands: [SuiteCommand.self, SchedulerBench.self, SeedCommand.self, SubmitCommand.self],
        defaultSubcommand: SuiteCommand.self)
}
