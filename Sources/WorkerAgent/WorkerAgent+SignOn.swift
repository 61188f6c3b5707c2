import Foundation
import Logging

extension WorkerAgent {
    /// Sign on with stored credentials, or register and sign on (worker-agent.md §1.6).
    func signOn() async throws -> WorkerSession {
        let file = CredentialsFile(path: configuration.credentialsPath)
        if let stored = file.read() {
            if let state = try await signOnRetrying(stored) {
                return WorkerSession(client: client, credentials: stored, initialState: state, logger: logger)
            }
            logger.notice("stored credentials rejected; registering anew")
        }
        let credentials = try await register()
        try file.write(credentials)
        let response = try await client.send(
            .post, "api/v3/worker/sign-on", credentials: credentials, json: signOnBody)
        guard response.status == 200, let change = response.decode(WorkerStateChange.self) else {
            throw WorkerError.registration("sign-on after registration answered \(response.status): \(response.text)")
        }
        return WorkerSession(
            client: client, credentials: credentials, initialState: change.statusRequested, logger: logger)
    }

    private var signOnBody: WorkerSignOn {
        WorkerSignOn(
            name: name, supportedTaskTypes: configuration.taskTypes, softwareVersion: WorkerVersion.current,
            canRestart: configuration.restartExitCode != 0)
    }

    /// The requested state, or `nil` when the Manager answered anything but 200 JSON; retries connection errors.
    private func signOnRetrying(_ credentials: WorkerCredentials) async throws -> String? {
        while true {
            do {
                let response = try await client.send(
                    .post, "api/v3/worker/sign-on", credentials: credentials, json: signOnBody)
                guard response.status == 200, let change = response.decode(WorkerStateChange.self) else {
                    logger.notice("sign-on answered \(response.status)")
                    return nil
                }
                logger.info("signed on", metadata: ["worker": "\(credentials.workerID)"])
                return change.statusRequested
            } catch {
                logger.debug("sign-on not delivered: \(error)")
            }
            try await Task.sleep(for: configuration.timing.retry)
        }
    }

    /// `POST /worker/register-worker` with a fresh secret; connection errors retried, HTTP errors fatal.
    private func register() async throws -> WorkerCredentials {
        let secret = WorkerCredentials.randomSecret()
        let body = WorkerRegistration(
            secret: secret, platform: Self.platform, supportedTaskTypes: configuration.taskTypes, name: name)
        while true {
            let response: ManagerResponse
            do {
                response = try await client.send(.post, "api/v3/worker/register-worker", credentials: nil, json: body)
            } catch {
                logger.debug("registration not delivered: \(error)")
                try await Task.sleep(for: configuration.timing.retry)
                continue
            }
            guard response.status == 200, let registered = response.decode(RegisteredWorker.self) else {
                throw WorkerError.registration("register-worker answered \(response.status): \(response.text)")
            }
            logger.info("registered", metadata: ["worker": "\(registered.uuid)"])
            return WorkerCredentials(workerID: registered.uuid, secret: secret)
        }
    }

    /// Go's OS name (worker-agent.md §7.2).
    static var platform: String {
        #if os(Linux)
        return "linux"
        #elseif os(macOS)
        return "darwin"
        #elseif os(Windows)
        return "windows"
        #else
        return "unknown"
        #endif
    }
}
