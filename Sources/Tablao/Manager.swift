import ArgumentParser
import Farm
import FarmModel
import Foundation
import Hummingbird
import JobScripts
import Logging
import ManagerAPI
import ServiceLifecycle
import Storage
import TablaoConfig
import UnixSignals

/// Wires the Manager from its configuration and runs it until SIGTERM or SIGINT.
struct Manager {
    let configuration: TablaoConfiguration
    let migrate: Bool
    let logger: Logger

    func run() async throws {
        let address = ListenAddressSyntax.split(configuration.listen)!
        // A clean shutdown closes the database and SQLite removes its -wal file; one left behind means the last
        // run crashed or was killed, which is when a check before serving matters most.
        let uncleanShutdown = FileManager.default.fileExists(atPath: configuration.database + "-wal")
        let database = try openDatabase()
        let checkNow =
            configuration.integrityCheckAtStartup == "always"
            || (configuration.integrityCheckAtStartup == "after-crash" && uncleanShutdown)
        if !checkNow {
            logger.info(
                "Start-up integrity check skipped",
                metadata: ["policy": "\(configuration.integrityCheckAtStartup)", "previous_shutdown": "clean"])
        }
        if checkNow {
            do {
                try await database.checkIntegrity()
            } catch {
                logger.critical(
                    "The database failed its integrity check; refusing to serve so nothing is written on top of it. Restore a backup (see deploy/README.md).",
                    metadata: ["db.path": "\(configuration.database)", "error": "\(error)"])
                await database.close()
                throw ExitCode(2)
            }
        }
        let storageRoot = URL(fileURLWithPath: configuration.storage, isDirectory: true).standardizedFileURL
        try FileManager.default.createDirectory(at: storageRoot, withIntermediateDirectories: true)
        let context = FarmContext(database: database, settings: farmSettings(storageRoot: storageRoot))
        let pipeline = LastRenderedPipeline(database: database, storageRoot: storageRoot, logger: logger)
        let scriptThreads = ScriptThreadPool()
        let jobTypes = ScriptedJobTypes(
            folder: URL(fileURLWithPath: configuration.jobTypesDir, isDirectory: true),
            timeLimit: configuration.jobCompileTimeout, pool: scriptThreads, logger: logger)
        // Loads the scripts once now, so a broken one is reported at start-up rather than at the first request.
        _ = await jobTypes.offeredJobTypes()
        let services = ManagerServices(
            context: context, pipeline: pipeline, managerName: configuration.managerName, jobTypes: jobTypes)
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
                services: [.init(service: application)]
                    + BackgroundServices(configuration: configuration, context: context, logger: logger).all,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        logger.info(
            "Tablao Manager starting",
            metadata: [
                "listen": "\(configuration.listen)", "db.path": "\(configuration.database)",
                "storage": "\(storageRoot.path)",
            ])
        do {
            try await group.run()
        } catch {
            logger.error("Manager stopped with an error", metadata: ["error": "\(error)"])
        }
        pipeline.stop()
        scriptThreads.stop()
        await database.close()
        logger.info("Tablao Manager stopped; database checkpointed and closed")
    }

    private func openDatabase() throws -> FarmDatabase {
        // The database's folder is created if missing, as the storage folder is.
        let folder = URL(fileURLWithPath: configuration.database).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var options = DatabaseOptions(path: configuration.database)
        options.migrationPolicy = migrate ? .upgradeWithBackup : .refuse
        options.synchronous = configuration.databaseSynchronous == "full" ? .full : .normal
        do {
            return try FarmDatabase.open(options, logger: logger)
        } catch {
            logger.critical("Cannot open the database", metadata: ["db.path": "\(options.path)", "error": "\(error)"])
            throw ExitCode(1)
        }
    }

    private func farmSettings(storageRoot: URL) -> FarmSettings {
        var variables = VariableSet.defaults(sharedStoragePath: configuration.sharedStoragePath ?? storageRoot.path)
        for (name, values) in configuration.variables {
            variables.variables[name] = VariableSet.Values(byPlatform: values)
        }
        return FarmSettings(
            storageRoot: storageRoot,
            failureThresholds: TaskFailureThresholds(
                blocklistThreshold: configuration.blocklistThreshold,
                failAfterSoftFailCount: configuration.taskFailAfterSoftfailCount),
            variables: variables)
    }
}
