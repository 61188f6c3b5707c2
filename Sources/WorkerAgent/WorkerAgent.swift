import Logging

/// The worker: signs on (registering when needed), then follows the Manager's requested states until told to go
/// offline or restart, or until cancelled (worker-agent.md §1).
public struct WorkerAgent: Sendable {
    let configuration: WorkerConfiguration
    let client: ManagerClient
    let name: String
    let logger: Logger

    /// A worker for the Manager at `client`'s base URL.
    public init(configuration: WorkerConfiguration, client: ManagerClient, name: String, logger: Logger) {
        self.configuration = configuration
        self.client = client
        self.name = name
        self.logger = logger
    }

    /// Runs until shutdown and returns the process exit status (worker-agent.md §1.8): 0 for `offline`, the restart
    /// exit code for `restart`, 1 for cancellation (a signal) or a fatal error.
    public func run() async -> Int32 {
        let signedOn: WorkerSession
        do {
            signedOn = try await signOn()
        } catch is CancellationError {
            return 1
        } catch {
            logger.critical("cannot start: \(error)")
            return 1
        }
        var session = signedOn
        let buffer: UpstreamBuffer
        do {
            buffer = try UpstreamBuffer.open(path: configuration.bufferPath)
        } catch {
            logger.critical("cannot open the upstream buffer \(configuration.bufferPath): \(error)")
            await signedOn.signOff()
            return 1
        }
        session.buffer = buffer
        let uploader = OutputUploader(client: client, credentials: session.credentials, logger: logger)
        session.uploader = uploader
        let flusher = UpstreamFlusher(
            buffer: buffer, client: client, credentials: session.credentials, logger: logger)
        await flusher.flush()
        let periodic = Task {
            while !Task.isCancelled {
                do { try await Task.sleep(for: configuration.timing.flush) } catch { return }
                await flusher.flush()
            }
        }
        let code: Int32
        do {
            code = try await WorkerStates(session: session, configuration: configuration, logger: logger).run()
        } catch {
            logger.info("shutting down")
            code = 1
        }
        periodic.cancel()
        uploader.stop()
        await Task { [session] in
            await Self.finalFlush(flusher)
            await session.signOff()
            await buffer.close()
        }.value
        return code
    }

    /// One last flush, limited to 5 s (worker-agent.md §1.8).
    private static func finalFlush(_ flusher: UpstreamFlusher) async {
        let flushing = Task { await flusher.flush() }
        let deadline = Task {
            try? await Task.sleep(for: .seconds(5))
            flushing.cancel()
        }
        await flushing.value
        deadline.cancel()
    }
}
