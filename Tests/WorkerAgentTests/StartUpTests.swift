import Foundation
import Testing
@testable import WorkerAgent

/// worker-agent.md §8.1 items 1–7: registration, sign-on, the start state and the start-up flush, against the
/// stand-in Manager.
struct StartUpTests {
    /// Item 1: no credentials → register (64 lower-case hex secret, platform, task types, empty Basic credentials),
    /// write the credentials file with mode 0600, then sign on as the new worker.
    @Test func registersWithoutCredentialsThenSignsOnAsTheNewWorker() async throws {
        try await StandInManager.with { manager in
            let registeredID = newTaskID()
            manager.queue(.registerWorker, .json(200, ["uuid": registeredID, "name": "render-07", "status": "offline"]))
            let agent = AgentHarness.start(against: manager, taskTypes: ["blender", "Custom-Type"], name: "render-07")
            let acknowledged = await manager.waitFor(.stateChanged)
            #expect(await agent.stop() == 1)
            try #require(!acknowledged.isEmpty)

            let requests = manager.requests
            #expect(Array(requests.map(\.endpoint).prefix(3)) == [.registerWorker, .signOn, .stateChanged])
            let registration = requests[0]
            let secret = try #require(registration.string("secret"))
            #expect(secret.count == 64 && secret.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(["linux", "darwin", "windows"].contains(registration.string("platform") ?? ""))
            #expect(registration.json["supported_task_types"] as? [String] == ["blender", "Custom-Type"])
            #expect(registration.string("name") == "render-07")
            #expect(registration.headers["authorization"] == StandInRequest.basic("", ""))
            #expect(registration.headers["user-agent"]?.hasPrefix("Tablao/") == true)

            let path = agent.configuration.credentialsPath
            #expect(CredentialsFile(path: path).read() == WorkerCredentials(workerID: registeredID, secret: secret))
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(requests[1].headers["authorization"] == StandInRequest.basic(registeredID, secret))
            #expect(requests[2].headers["authorization"] == StandInRequest.basic(registeredID, secret))
        }
    }

    /// Item 2: stored credentials → sign on without registering; the body carries name, task types, software version
    /// and `can_restart` (true iff the restart exit code is not 0; always present).
    @Test(arguments: [(Int32(0), false), (Int32(47), true)])
    func signsOnWithStoredCredentials(restartExitCode: Int32, canRestart: Bool) async throws {
        try await StandInManager.with { manager in
            let credentials = try storeCredentials(in: manager.home())
            let agent = AgentHarness.start(
                against: manager, restartExitCode: restartExitCode, taskTypes: ["misc", "ffmpeg"], name: "render-08")
            await manager.waitFor(.stateChanged)
            #expect(await agent.stop() == 1)

            #expect(manager.requests(.registerWorker).isEmpty)
            let signOn = try #require(manager.requests(.signOn).first)
            #expect(manager.requests.first?.endpoint == .signOn)
            #expect(signOn.headers["authorization"] == StandInRequest.basic(credentials.workerID, credentials.secret))
            #expect(signOn.string("name") == "render-08")
            #expect(signOn.json["supported_task_types"] as? [String] == ["misc", "ffmpeg"])
            #expect(signOn.string("software_version") == WorkerVersion.current)
            #expect(signOn.json["can_restart"] as? Bool == canRestart)
            #expect(signOn.json.keys.sorted() == ["can_restart", "name", "software_version", "supported_task_types"])
        }
    }

    /// Item 3: a Manager that is down (refusing, then resetting connections) → sign-on retried every `retry` period
    /// with the stored credentials, never a registration.
    @Test func retriesSignOnWhileTheManagerIsDownWithoutRegistering() async throws {
        let lag = TimerLagProbe.start()
        defer { lag.stop() }
        try await StandInManager.with { manager in
            let credentials = try storeCredentials(in: manager.home())
            await manager.stop()
            let agent = AgentHarness.start(against: manager)
            try await Task.sleep(for: .milliseconds(700))  // a couple of refused attempts
            manager.queue(.signOn, .reset, .reset, .reset)
            try await manager.start()
            let signOns = await manager.waitFor(.signOn, count: 4)
            await manager.waitFor(.stateChanged)
            #expect(await agent.stop() == 1)

            try #require(signOns.count == 4)
            let retry = AgentHarness.scaledTiming.retry.seconds
            for (earlier, later) in zip(signOns, signOns.dropFirst()) {
                let gap = later.seconds(after: earlier)
                // Retried on the short period, not the fetch error wait; the upper bound allows a loaded machine,
                // widened by twice the worst timer lag seen while the test ran (the wait and the request both run late).
                let bound = AgentHarness.scaledTiming.errorFetch.seconds + 2 + 2 * lag.worst
                #expect(gap >= 0.85 * retry && gap < bound, "sign-on retry gap \(gap), below \(bound) expected")
            }
            #expect(signOns.allSatisfy {
                $0.headers["authorization"] == StandInRequest.basic(credentials.workerID, credentials.secret)
            })
            #expect(manager.requests(.registerWorker).isEmpty)
            #expect(manager.requests(.stateChanged).count == 1)
        }
    }

    /// Item 3: stored credentials rejected at sign-on (403 — or any other non-200/JSON answer) → register anew,
    /// replace the credentials file, sign on with the new identity.
    @Test(arguments: [StandInReply.error(403), .error(400), .error(500), .notJSON])
    func reRegistersWhenSignOnIsRejected(rejection: StandInReply) async throws {
        try await StandInManager.with { manager in
            let old = try storeCredentials(in: manager.home())
            manager.queue(.signOn, rejection)
            let agent = AgentHarness.start(against: manager)
            await manager.waitFor(.stateChanged)
            #expect(await agent.stop() == 1)

            let requests = manager.requests
            #expect(Array(requests.map(\.endpoint).prefix(4)) == [.signOn, .registerWorker, .signOn, .stateChanged])
            let new = try #require(CredentialsFile(path: agent.configuration.credentialsPath).read())
            #expect(new.workerID != old.workerID && new.secret != old.secret)
            #expect(requests[1].string("secret") == new.secret)
            #expect(requests[0].headers["authorization"] == StandInRequest.basic(old.workerID, old.secret))
            #expect(requests[2].headers["authorization"] == StandInRequest.basic(new.workerID, new.secret))
            #expect(requests[3].headers["authorization"] == StandInRequest.basic(new.workerID, new.secret))
            let mode = try FileManager.default.attributesOfItem(atPath: agent.configuration.credentialsPath)[
                .posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    /// Item 4 (URL part): `--manager host:port/prefix` gets `http://`, and API paths resolve relative to the prefix.
    @Test func reachesAManagerBehindAPathPrefixGivenWithoutScheme() async throws {
        try await StandInManager.with(pathPrefix: "/flamenco") { manager in
            let lenient = try ManagerURL.parse("127.0.0.1:\(manager.port)/flamenco")
            #expect(lenient == "http://127.0.0.1:\(manager.port)/flamenco/")
            let agent = AgentHarness.start(against: manager, baseURL: lenient)
            await manager.waitFor(.stateChanged)
            #expect(await agent.stop() == 1)
            #expect(manager.requests.allSatisfy { $0.path.hasPrefix("/flamenco/api/v3/worker/") })
            #expect(manager.requests(.unknown).isEmpty)
        }
    }

    /// Item 4 (name part): config `worker_name` > TABLAO_/FLAMENCO_WORKER_NAME > hostname, whitespace trimmed.
    @Test func resolvesTheWorkerNameByPrecedence() {
        var configuration = WorkerConfiguration()
        let hostname = ProcessInfo.processInfo.hostName
        #expect(configuration.resolvedName(environment: [:]) == hostname)
        #expect(configuration.resolvedName(environment: ["TABLAO_WORKER_NAME": " \t", "FLAMENCO_WORKER_NAME": ""])
            == hostname)
        #expect(configuration.resolvedName(environment: ["FLAMENCO_WORKER_NAME": " flam "]) == "flam")
        #expect(configuration.resolvedName(environment: ["TABLAO_WORKER_NAME": "tab ", "FLAMENCO_WORKER_NAME": "flam"])
            == "tab")
        configuration.workerName = "  configured\n"
        #expect(configuration.resolvedName(environment: ["TABLAO_WORKER_NAME": "tab"]) == "configured")
    }

    /// Item 5: the sign-on status is entered and acknowledged; anything but awake/asleep/offline/restart → asleep.
    @Test(arguments: [
        ("awake", "awake"), ("asleep", "asleep"), ("starting", "asleep"), ("error", "asleep"), ("testing", "asleep"),
        ("no-such-state", "asleep"),
    ])
    func acknowledgesTheSignOnStatus(requested: String, entered: String) async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            manager.queue(.signOn, .stateRequest(requested))
            let agent = AgentHarness.start(against: manager)
            let followUp: StandInEndpoint = entered == "awake" ? .fetchTask : .state
            await manager.waitFor(followUp, count: 2)
            #expect(await agent.stop() == 1)

            let endpoints = manager.requests.map(\.endpoint)
            #expect(Array(endpoints.prefix(2)) == [.signOn, .stateChanged])
            #expect(manager.requests(.stateChanged).map { $0.string("status") } == [entered])
            #expect(endpoints.filter { $0 == followUp }.count >= 2)
            #expect(!endpoints.contains(entered == "awake" ? .state : .fetchTask))
        }
    }

    /// Item 5 (Tablao, §1.7): a lost acknowledgement (network error, 5xx) is retried every `retry` period until a
    /// 204, and only then does the task loop start.
    @Test func retriesTheAcknowledgementUntilTheManagerTakesIt() async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            manager.queue(.stateChanged, .reset, .error(503), .noContent)
            let agent = AgentHarness.start(against: manager)
            await manager.waitFor(.fetchTask)
            #expect(await agent.stop() == 1)

            let acknowledgements = manager.requests(.stateChanged)
            try #require(acknowledgements.count == 3)
            #expect(acknowledgements.allSatisfy { $0.string("status") == "awake" })
            let retry = AgentHarness.scaledTiming.retry.seconds
            for (earlier, later) in zip(acknowledgements, acknowledgements.dropFirst()) {
                #expect(later.seconds(after: earlier) >= 0.85 * retry)
            }
            let firstFetch = try #require(manager.requests(.fetchTask).first)
            #expect(firstFetch.at > acknowledgements[2].at)
        }
    }

    /// Item 6: sign-on status `offline` → sign-off, exit 0; `restart` → sign-off, exit with the restart exit code
    /// (0 when none is configured). No state-changed in either case.
    @Test(arguments: [("offline", Int32(0), Int32(0)), ("restart", 47, 47), ("restart", 0, 0), ("offline", 47, 0)])
    func leavesAtOnceWhenSignOnAsksToGo(requested: String, restartExitCode: Int32, exitCode: Int32) async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            manager.queue(.signOn, .stateRequest(requested))
            let agent = AgentHarness.start(against: manager, restartExitCode: restartExitCode)
            #expect(await agent.exitCode(within: 10) == exitCode)
            #expect(manager.requests.map(\.endpoint) == [.signOn, .signOff])
        }
    }

    /// Item 7: updates a previous run left in the buffer go out oldest first, byte for byte, with the current
    /// credentials, after sign-on and before the first state-changed.
    @Test func flushesLeftoverUpdatesBetweenSignOnAndTheFirstAcknowledgement() async throws {
        try await StandInManager.with { manager in
            let credentials = try storeCredentials(in: manager.home())
            let first = newTaskID(), second = newTaskID()
            let leftovers = [
                (taskID: first, payload: #"{"log":"left over 1"}"#),
                (taskID: second, payload: #"{"activity":"Progress","steps_completed":2}"#),
                (taskID: first, payload: #"{"activity":"Completed","taskStatus":"completed"}"#),
            ]
            try await prefillBuffer(home: manager.home(), leftovers)
            let agent = AgentHarness.start(against: manager)
            await manager.waitFor(.stateChanged)
            #expect(await agent.stop() == 1)

            let requests = manager.requests
            #expect(Array(requests.map(\.endpoint).prefix(5)) == [.signOn, .taskUpdate, .taskUpdate, .taskUpdate, .stateChanged])
            let flushed = requests.filter { $0.endpoint == .taskUpdate }
            #expect(flushed.map { $0.taskID ?? "" } == leftovers.map(\.taskID))
            #expect(flushed.map(\.text) == leftovers.map(\.payload))
            #expect(flushed.allSatisfy {
                $0.headers["authorization"] == StandInRequest.basic(credentials.workerID, credentials.secret)
            })
            #expect(try await bufferCount(home: manager.home()) == 0)
        }
    }
}
