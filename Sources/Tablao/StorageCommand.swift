import ArgumentParser
import Farm
import Foundation
import Storage
import TablaoConfig

/// `tablao storage prune`: housekeeping of the storage folder (task logs and previews).
struct StorageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage",
        abstract: "Housekeeping of the storage folder (task logs, last-rendered previews).",
        subcommands: [Prune.self])

    /// `tablao storage prune [--dry-run]`: job folders with no job in the database, e.g. after restoring a backup.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove job folders whose job is not in the database (left behind by restoring a backup).",
            discussion: """
                Reads the database and storage folder from --config FILE (as `tablao serve` does), then \
                TABLAO_DATABASE / TABLAO_STORAGE, then --database / --storage. Safe while the Manager runs: folders \
                are listed before the jobs are read. Exit status 1 when a folder cannot be removed.
                """)

        @Option(name: .long, help: "Configuration file (YAML) naming database and storage, e.g. /etc/tablao/tablao.yaml.")
        var config: String?
        @Option(name: .long, help: "The SQLite database file (default ./tablao.sqlite).") var database: String?
        @Option(name: .long, help: "The storage folder (default ./tablao-storage).") var storage: String?
        @Flag(name: .long, help: "Only list what would be removed.") var dryRun = false

        func run() async throws {
            let settings: TablaoConfiguration
            do {
                settings = try ConfigurationLoader.load(
                    file: config, environment: ProcessInfo.processInfo.environment,
                    flags: ["database": database, "storage": storage].compactMapValues { $0 })
            } catch {
                throw failCommand("storage prune", "\(error)", status: .validationFailure)
            }
            guard FileManager.default.fileExists(atPath: settings.database) else {
                throw failCommand(
                    "storage prune", "no database at \(settings.database): name it with --database or --config",
                    status: .validationFailure)
            }
            guard FileManager.default.fileExists(atPath: settings.storage) else {
                throw failCommand(
                    "storage prune", "no storage folder at \(settings.storage): name it with --storage or --config",
                    status: .validationFailure)
            }
            var options = DatabaseOptions(path: settings.database)
            options.migrationPolicy = .refuse
            let farm = try FarmDatabase.open(options)
            let orphans: [OrphanedJobFolders.Folder]
            let pruner = OrphanedJobFolders(database: farm, storageRoot: URL(fileURLWithPath: settings.storage))
            do {
                orphans = try await pruner.find()
            } catch {
                await farm.close()
                throw failCommand("storage prune", "cannot list \(settings.storage): \(error)")
            }
            await farm.close()
            for folder in orphans { print("\(dryRun ? "would remove" : "removing")  \(folder.url.path)  \(folder.size) bytes") }
            let total = orphans.reduce(Int64(0)) { $0 + $1.size }
            if !dryRun {
                do { try pruner.remove(orphans) } catch {
                    throw failCommand("storage prune", "cannot remove a job folder: \(error)")
                }
            }
            let verb = dryRun ? "found" : "removed"
            print("\(verb) \(orphans.count) job folder(s) with no job in \(settings.database), \(total) bytes")
        }
    }
}
