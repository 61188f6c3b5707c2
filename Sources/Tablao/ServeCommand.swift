import ArgumentParser
import Farm
import Foundation
import Hummingbird
import Logging
import ManagerAPI
import ServiceLifecycle
import UnixSignals
import Storage

/// `tablao serve`: run the Manager.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the Manager: HTTP API on one SQLite file.")

    @Option(name: .long, help: "Address to listen on, HOST:PORT.") var listen: String = "0.0.0.0:8080"
    @OptionGroup var databaseOption: DatabaseOption
    @Option(name: .long, help: "Folder for task logs and rendered previews.") var storage: String = "./tablao-storage"
    @Option(name: .long, help: "Configuration file (YAML).") var config: String?
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"
    @Flag(name: .long, help: "Refuse to start on a database that needs migrating, instead of upgrading it.")
    var noMigrate = false

    func validate() throws {
        guard ListenAddress(listen) != nil else { throw ValidationError("--listen must be HOST:PORT, got \(listen)") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "tablao")
        let address = ListenAddress(listen)!
        var options = DatabaseOptions(path: databaseOption.database)
        options.migrationPolicy = noMigrate ? .refuse : .upgradeWithBackup
        let database: FarmDatabase
        do {
            database = try FarmDatabase.open(options, logger: logger)
        } catch {
            logger.critical("Cannot open the database", metadata: ["db.path": "\(options.path)", "error": "\(error)"])
            throw ExitCode(1)
        }
        let storageRoot = URL(fileURLWithPath: storage, isDirectory: true)
        try FileManager.default.createDirectory(at: storageRoot, withIntermediateDirectories: true)
        let settings = FarmSettings(storageRoot: storageRoot)
        let pipeline = LastRenderedPipeline(database: database, storageRoot: storageRoot, logger: logger)
        let context = FarmContext(database: database, settings: settings)
        let services = ManagerServices(context: context, pipeline: pipeline)
        let recovery = try await StartupRecovery(context: context).run()
        logger.info(
            "Start-up recovery done",
            metadata: [
                "tasks.requeued": "\(recovery.requeuedTasks)", "jobs.settled": "\(recovery.settledJobs)",
                "jobs.deleted": "\(recovery.deletedJobs)",
            ])
        let application = buildApplication(services: services, host: address.host, port: address.port, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: application)] + backgroundServices(context: context, logger: logger),
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        logger.info(
            "Tablao Manager starting",
            metadata: ["listen": "\(listen)", "db.path": "\(options.path)", "storage": "\(storageRoot.path)"])
        do {
            try await group.run()
        } catch {
            logger.error("Manager stopped with an error", metadata: ["error": "\(error)"])
        }
        pipeline.stop()
        await database.close()
        logger.info("Tablao Manager stopped; database checkpointed and closed")
    }
}

extension ServeCommand {
    /// WAL checkpoints, timeouts and sleep schedules, each on its own period.
    func backgroundServices(context: FarmContext, logger: Logger) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        let database = context.database
        let timeouts = TimeoutChecker(context: context, taskTimeout: .seconds(600), workerTimeout: .seconds(60))
        return [
            PeriodicService(name: "wal-checkpoint", initialDelay: .seconds(60), interval: .seconds(60), logger: logger) {
                try await database.checkpoint()
            },
            PeriodicService(name: "timeouts", initialDelay: .seconds(300), interval: .seconds(60), logger: logger) {
                let report = try await timeouts.check()
                if !report.timedOutTasks.isEmpty || !report.timedOutWorkers.isEmpty {
                    logger.notice(
                        "Timeouts applied",
                        metadata: ["tasks": "\(report.timedOutTasks)", "workers": "\(report.timedOutWorkers)"])
                }
            },
            PeriodicService(name: "sleep-schedules", initialDelay: .seconds(2), interval: .seconds(60), logger: logger) {
                _ = try await SleepScheduleApplier.applyAll(context: context)
            },
        ].map { .init(service: $0) }
    }
}

/// `HOST:PORT`, with IPv6 hosts in brackets.
struct ListenAddress {
    let host: String
    let port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }
}
