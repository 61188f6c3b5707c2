import ArgumentParser

/// The `tablao` executable: the composition root.
@main
struct TablaoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tablao",
        abstract: "Render-farm job manager speaking the Flamenco v3 worker protocol, backed by SQLite.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, WriteLoopCommand.self, WorkerCommand.self, SubmitCommand.self,
            JobsCommand.self, WorkersCommand.self, JobTypesCommand.self, StorageCommand.self,
        ],
        defaultSubcommand: ServeCommand.self)
}
