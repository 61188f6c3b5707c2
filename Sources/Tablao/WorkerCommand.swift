import ArgumentParser
import Foundation
import Logging
import WorkerAgent

/// `tablao worker`: run tasks of a farm like Flamenco's own Worker, speaking only the wire protocol.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run a worker agent that executes the Manager's tasks.",
        discussion: """
            Settings come from defaults, then --config FILE (else ./tablao-worker.yaml or ./flamenco-worker.yaml), \
            then TABLAO_WORKER_NAME / TABLAO_WORKER_HOME (or FLAMENCO_*), then these flags. \
            Exit status: 0 when told to go offline, the restart exit code on a restart request, 1 on a signal.
            """)

    @Option(name: .long, help: "Manager base URL (host, host:port or full URL); overrides manager_url.") var manager: String?
    @Option(name: .long, help: "Configuration file (YAML) with Flamenco's worker keys.") var config: String?
    @Option(name: .long, help: "Worker name; overrides worker_name and the environment.") var name: String?
    @Option(name: .long, help: "Exit status for a restart request; non-zero enables can_restart.")
    var restartExitCode: Int32?
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel: String?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Testing aid: multiply every wait of the worker (fetch, poll, flush, retry, log age) by this factor.",
            visibility: .hidden))
    var timeScale: Double?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var settings: WorkerConfiguration
        let baseURL: String
        do {
            settings = try WorkerConfiguration.load(path: config, environment: environment)
            if let manager { settings.managerURL = try ManagerURL.parse(manager) }
            if let restartExitCode, restartExitCode != 0 { settings.restartExitCode = restartExitCode }
            if let name { settings.workerName = name }
            if let timeScale {
                guard timeScale > 0, timeScale.isFinite else {
                    throw failCommand("worker", "--time-scale must be above 0", status: .validationFailure)
                }
                settings.timing = settings.timing.scaled(by: timeScale)
            }
            guard !settings.managerURL.isEmpty else {
                throw failCommand(
                    "worker", "no Manager URL: pass --manager or set manager_url (autodiscovery is not supported)",
                    status: .validationFailure)
            }
            baseURL = settings.managerURL
        } catch let error as ExitCode {
            throw error
        } catch {
            throw failCommand("worker", "\(error)", status: .validationFailure)
        }
        let level = logLevel.flatMap { Logger.Level(rawValue: $0) } ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "tablao.worker")
        let agent = WorkerAgent(
            configuration: settings, client: ManagerClient(baseURL: baseURL, logger: logger),
            name: settings.resolvedName(environment: environment), logger: logger)
        let running = Task { await agent.run() }
        let signals = WorkerSignals { running.cancel() }
        let code = await running.value
        signals.stop()
        throw ExitCode(code)
    }
}
