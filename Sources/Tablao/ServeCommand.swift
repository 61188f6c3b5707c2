import ArgumentParser
import Farm
import FarmModel
import Foundation
import Hummingbird
import Logging
import ManagerAPI
import ServiceLifecycle
import Storage
import TablaoConfig
import UnixSignals

/// `tablao serve`: run the Manager.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Manager: HTTP API on one SQLite file.",
        discussion: "Settings come from defaults, then --config FILE, then TABLAO_* variables, then these flags.")

    @Option(name: .long, help: "Address to listen on, HOST:PORT (default 0.0.0.0:8080).") var listen: String?
    @Option(name: .long, help: "The SQLite database file (default ./tablao.sqlite).") var database: String?
    @Option(name: .long, help: "Folder for task logs and previews (default ./tablao-storage).") var storage: String?
    @Option(name: .long, help: "Configuration file (YAML), see deploy/tablao.yaml.") var config: String?
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel: String?
    @Flag(name: .long, help: "Refuse to start on a database that needs migrating, instead of upgrading it.")
    var noMigrate = false
    @Flag(name: .long, help: "Create the database's folder when it does not exist, instead of refusing to start.")
    var createDirectories = false

    func run() async throws {
        let settings: TablaoConfiguration
        do {
            settings = try ConfigurationLoader.load(
                file: config, environment: ProcessInfo.processInfo.environment,
                flags: ["listen": listen, "database": database, "storage": storage, "log_level": logLevel]
                    .compactMapValues { $0 })
        } catch {
            throw failCommand("serve", "\(error)", status: .validationFailure)
        }
        let level = Logger.Level(rawValue: settings.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "tablao")
        for variable in ConfigurationLoader.unknownEnvironmentVariables(in: ProcessInfo.processInfo.environment) {
            logger.warning("Ignoring an environment variable that names no setting", metadata: ["variable": "\(variable)"])
        }
        try await Manager(
            configuration: settings, migrate: !noMigrate, createDirectories: createDirectories, logger: logger).run()
    }
}
