import Logging

/// Runs one assigned task (worker-agent.md §2.2): "Started", the commands in order with step counting, then
/// "Completed" or one failure update, while polling may-i-run; an abort stops it and reports nothing.
struct TaskRunner: Sendable {
    /// How the task ended, from the worker's point of view.
    enum Outcome: Sendable, Equatable {
        case completed
        case failed(String)
        /// may-i-run said no, or the worker is shutting down: nothing was reported.
        case aborted
        /// The Manager refused an update (409 or other): the task was given up silently.
        case abandoned
    }

    let client: ManagerClient
    let credentials: WorkerCredentials
    let timing: WorkerTiming
    let logger: Logger
    let buffer: UpstreamBuffer?
    let uploader: OutputUploader?

    private var sender: TaskUpdateSender {
        TaskUpdateSender(client: client, credentials: credentials, logger: logger, buffer: buffer, retry: timing.retry)
    }

    func run(_ assigned: AssignedTask) async -> Outcome {
        let task = TaskContext(taskID: assigned.uuid)
        var logger = self.logger
        logger[metadataKey: "task"] = "\(assigned.uuid)"
        logger.info("running task", metadata: ["name": "\(assigned.name)"])
        switch await sender.send(.started, for: task) {
        case .sent, .unreachable: break
        default:
            logger.warning("task abandoned: the Manager refused its start")
            return .abandoned
        }
        let work = Task { await runCommands(assigned, task, logger) }
        let poller = Task { await pollMayIRun(task, stopping: work, logger) }
        let outcome = await withTaskCancellationHandler {
            await work.value
        } onCancel: {
            task.abort()
            work.cancel()
        }
        poller.cancel()
        logger.info("task ended", metadata: ["outcome": "\(outcome)"])
        return outcome
    }

    private func runCommands(_ assigned: AssignedTask, _ task: TaskContext, _ logger: Logger) async -> Outcome {
        for command in assigned.commands {
            if task.isAborted || Task.isCancelled { return .aborted }
            let context = CommandContext(
                name: command.name, parameters: command.parameters, task: task, sender: sender, timing: timing,
                logger: logger, uploader: uploader)
            do {
                try await CommandRegistry.run(context)
                if command.totalStepCount <= 0 {
                    _ = await sender.send(.progress(task.nextStep()), for: task)
                }
            } catch is TaskAbandoned {
                return .abandoned
            } catch {
                if task.isAborted || Task.isCancelled || error is CancellationError { return .aborted }
                let reason = "\(error)"
                logger.warning("command failed", metadata: ["command": "\(command.name)", "error": "\(reason)"])
                _ = await sender.send(.failed(reason), for: task)
                return .failed(reason)
            }
        }
        if task.isAborted || Task.isCancelled { return .aborted }
        _ = await sender.send(.completed, for: task)
        return .completed
    }

    /// Asks may-i-run every ``WorkerTiming/mayIRun``; on a clear "no" aborts the task (worker-agent.md §2.4).
    private func pollMayIRun(_ task: TaskContext, stopping work: Task<Outcome, Never>, _ logger: Logger) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: timing.mayIRun) } catch { return }
            guard
                let response = try? await client.send(
                    .get, "api/v3/worker/task/\(task.taskID)/may-i-run", credentials: credentials),
                response.status == 200, let answer = response.decode(MayKeepRunning.self)
            else { continue }
            if !answer.mayKeepRunning {
                let reason = answer.statusChangeRequested == true
                    ? "worker status change requested" : (answer.reason ?? "")
                logger.info("aborting task", metadata: ["reason": "\(reason)"])
                task.abort()
                work.cancel()
                return
            }
        }
    }
}
