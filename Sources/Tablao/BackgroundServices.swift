import Farm
import Logging
import ServiceLifecycle
import Storage
import TablaoConfig

/// The Manager's periodic work: WAL checkpoints, integrity checks, timeouts and sleep schedules.
struct BackgroundServices {
    let configuration: TablaoConfiguration
    let context: FarmContext
    let logger: Logger

    var all: [ServiceGroupConfiguration.ServiceConfiguration] {
        let database = context.database
        let logger = self.logger
        var services = [
            PeriodicService(
                name: "wal-checkpoint", initialDelay: configuration.walCheckpointInterval,
                interval: configuration.walCheckpointInterval, logger: logger
            ) { try await database.checkpoint() },
            PeriodicService(name: "sleep-schedules", initialDelay: .seconds(2), interval: .seconds(60), logger: logger) {
                [context] in _ = try await SleepScheduleApplier.applyAll(context: context)
            },
        ]
        if configuration.taskTimeout > .zero || configuration.workerTimeout > .zero {
            let checker = TimeoutChecker(
                context: context, taskTimeout: configuration.taskTimeout, workerTimeout: configuration.workerTimeout)
            services.append(
                PeriodicService(
                    name: "timeouts", initialDelay: configuration.timeoutCheckInitialDelay,
                    interval: configuration.timeoutCheckInterval, logger: logger
                ) {
                    let report = try await checker.check()
                    if !report.timedOutTasks.isEmpty || !report.timedOutWorkers.isEmpty {
                        logger.notice(
                            "Timeouts applied",
                            metadata: ["tasks": "\(report.timedOutTasks)", "workers": "\(report.timedOutWorkers)"])
                    }
                })
        }
        if configuration.integrityCheckInterval > .zero {
            services.append(
                PeriodicService(
                    name: "integrity-check", initialDelay: configuration.integrityCheckInterval,
                    interval: configuration.integrityCheckInterval, logger: logger, stopsManagerOnFailure: true
                ) {
                    do {
                        try await database.checkIntegrity()
                    } catch {
                        // Refuse to go on writing on top of a damaged file: the group shuts the Manager down.
                        logger.critical(
                            "Periodic integrity check failed; shutting down. Restore a backup (deploy/README.md)",
                            metadata: ["error": "\(error)"])
                        throw error
                    }
                })
        }
        return services.map { .init(service: $0) }
    }
}
