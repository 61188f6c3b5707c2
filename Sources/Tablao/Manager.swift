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
    /// Whether a database path whose folder does not exist is created (`--create-directories`), or refused.
    let createDirectories: Bool
    let logger: Logger

    func run() async throws {
        let address = ListenAddressSyntax.split(configuration.listen)!
        let storageRoot = URL(fileURLWithPath: configuration.storage, isDirectory: true).standardizedFileURL
        // Everything that can make start-up fail is tried before the database is created or migrated.
        let lock = try refusingToStart {
            try WritableLocation.prepareFolder(ofDatabase: configuration.database, createFolders: createDirectories)
            try WritableLocation.checkDatabase(configuration.database)
            try FileManager.default.createDirectory(at: storageRoot, withIntermediateDirectories: true)
            try WritableLocation.checkFolder(
                storageRoot.path, role: "storage folder", why: "task logs and previews are written there")
            let lock = try ManagerLock.acquire(forDatabase: configuration.database)
            do {
                try ListenProbe.check(host: address.host, port: address.port)
                try lock.recordRunning()
            } catch {
                lock.release()  // the record still says how the previous run ended
                throw error
            }
            return lock
        }
        let newDatabase = !FileManager.default.fileExists(atPath: configuration.database)
        // A -wal file left behind also means the last run did not close the database.
        let walLeftBehind = FileManager.default.fileExists(atPath: configuration.database + "-wal")
        let database: FarmDatabase
        do {
            database = try openDatabase()
        } catch {
            lock.release()
            throw error
        }
        let previousShutdown = Self.previousShutdown(
            newDatabase: newDatabase, walLeftBehind: walLeftBehind, record: lock.previousRun, lockPath: lock.path)
        let checkNow =
            configuration.integrityCheckAtStartup == "always"
            || (configuration.integrityCheckAtStartup == "after-crash" && previousShutdown.needsCheck)
        if !checkNow {
            logger.info(
                "Start-up integrity check skipped",
                metadata: ["policy": "\(configuration.integrityCheckAtStartup)", "previous_shutdown": "\(previousShutdown.text)"])
        }
        if checkNow {
            let started = ContinuousClock.now
            do {
                try await database.checkIntegrity()
            } catch {
                logger.critical(
                    "The database failed its integrity check; refusing to serve so nothing is written on top of it. Restore a backup (see deploy/README.md).",
                    metadata: ["db.path": "\(configuration.database)", "error": "\(error)"])
                await database.close()
                lock.release()
                throw ExitCode(2)
            }
            logger.notice(
                "Start-up integrity check passed",
                metadata: [
                    "db.path": "\(configuration.database)", "previous_shutdown": "\(previousShutdown.text)",
                    "duration_ms": "\(Self.milliseconds(ContinuousClock.now - started))",
                ])
        }
        let context = FarmContext(database: database, settings: farmSettings(storageRoot: storageRoot), logger: logger)
        let pipeline = LastRenderedPipeline(database: database, storageRoot: storageRoot, logger: logger)
        let scriptThreads = ScriptThreadPool()
        let jobTypes = ScriptedJobTypes(
            folder: URL(fileURLWithPath: configuration.jobTypesDir, isDirectory: true),
            timeLimit: configuration.jobCompileTimeout, pool: scriptThreads, logger: logger)
        // Loads the scripts once now, so a broken one is reported at start-up rather than at the first request.
        _ = await jobTypes.offeredJobTypes()
        // One registry for `/metrics`: Tablao's own instruments, and Hummingbird's request metrics via swift-metrics.
        let metrics = ManagerMetrics()
        metrics.bootstrapSwiftMetrics()
        let services = ManagerServices(
            context: context, pipeline: pipeline, managerName: configuration.managerName, jobTypes: jobTypes,
            metrics: metrics)
        let recovery = try await StartupRecovery(context: context).run()
        logger.info(
            "Start-up recovery done",
            metadata: [
                "tasks.requeued": "\(recovery.requeuedTasks)", "jobs.settled": "\(recovery.settledJobs)",
                "jobs.deleted": "\(recovery.deletedJobs)", "folders.orphaned": "\(recovery.orphanedFoldersRemoved)",
            ])
        let connections = ConnectionSettings(
            idleTimeout: configuration.idleTimeout, requestReadTimeout: configuration.requestReadTimeout,
            maximumConnections: DescriptorBudget.connections(configured: configuration.maxConnections, logger: logger))
        let application = buildApplication(
            services: services, host: address.host, port: address.port, connections: connections, logger: logger)
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
        var failure: (any Error)?
        do {
            try await group.run()
        } catch {
            failure = error
            logger.critical("Manager stopped with an error", metadata: ["error": "\(error)"])
        }
        pipeline.stop()
        scriptThreads.stop()
        await database.close()
        guard failure == nil else {
            // Not recorded as a clean shutdown: the next start-up checks the database.
            lock.release()
            throw ExitCode(1)
        }
        do {
            try lock.releaseAfterCleanShutdown()
        } catch {
            logger.warning("Could not record the clean shutdown", metadata: ["lock.path": "\(lock.path)", "error": "\(error)"])
        }
        logger.info("Tablao Manager stopped; database checkpointed and closed")
    }

    /// Runs a start-up step; a failure is logged as the reason the Manager does not start, and exits with status 1.
    private func refusingToStart<T>(_ step: () throws -> T) throws -> T {
        do {
            return try step()
        } catch {
            logger.critical("Tablao Manager cannot start: \(error)")
            throw ExitCode(1)
        }
    }

    /// How the previous run on this database ended, and whether that calls for an integrity check (`after-crash`).
    private static func previousShutdown(
        newDatabase: Bool, walLeftBehind: Bool, record: ManagerLock.PreviousRun, lockPath: String
    ) -> (needsCheck: Bool, text: String) {
        if newDatabase { return (false, "none (new database)") }
        if walLeftBehind { return (true, "unclean (-wal file left behind)") }
        switch record {
        case .stoppedCleanly: return (false, "clean")
        case .didNotStopCleanly(let pid):
            return (true, "unclean (the Manager with PID \(pid.map(String.init) ?? "?") did not stop gracefully)")
        case .unknown: return (true, "unknown (no record in \(lockPath))")
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    private func openDatabase() throws -> FarmDatabase {
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
            variables: variables,
            storageLimits: JobStorageLimits(
                maximumStringBytes: configuration.maxSettingStringBytes,
                maximumSettingsBytes: configuration.maxJobSettingsBytes,
                maximumCommandBytes: configuration.maxCommandBytes,
                maximumJobCommandBytes: configuration.maxJobCommandBytes),
            taskLogMaximumBytes: configuration.taskLogMaxSize == 0 ? nil : configuration.taskLogMaxSize)
    }
}
