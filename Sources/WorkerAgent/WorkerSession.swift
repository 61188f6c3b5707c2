import Logging

/// A signed-on worker: the client, its credentials and the state the Manager asked for at sign-on.
struct WorkerSession: Sendable {
    let client: ManagerClient
    let credentials: WorkerCredentials
    let initialState: String
    let logger: Logger
    /// The upstream buffer, once opened (worker-agent.md §6).
    var buffer: UpstreamBuffer? = nil
    /// The output uploader (worker-agent.md §5).
    var uploader: OutputUploader? = nil

    /// `POST /worker/state-changed`, retried while the Manager is unreachable or answers 5xx (Tablao note, §1.7).
    func acknowledge(_ state: String, retry: Duration) async throws {
        while true {
            do {
                let response = try await client.send(
                    .post, "api/v3/worker/state-changed", credentials: credentials, json: WorkerStateChanged(status: state))
                if response.status == 204 { return }
                logger.warning("state-changed answered \(response.status)", metadata: ["body": "\(response.text)"])
                if response.status < 500 { return }
            } catch {
                logger.debug("state-changed not delivered: \(error)")
            }
            try await Task.sleep(for: retry)
        }
    }

    /// `POST /worker/sign-off` within 3 s; errors are only logged.
    func signOff() async {
        do {
            let response = try await client.send(
                .post, "api/v3/worker/sign-off", credentials: credentials, timeout: .seconds(3))
            if response.status != 204 { logger.warning("sign-off answered \(response.status)") }
            logger.info("signed off")
        } catch {
            logger.warning("sign-off failed: \(error)")
        }
    }
}
