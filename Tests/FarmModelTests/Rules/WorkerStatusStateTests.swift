import FarmModel
import Testing

/// A worker state transition case: from `status`/`request`, expecting `expected` and maybe a pool return.
struct WorkerCase: Sendable, CustomTestStringConvertible {
    let status: WorkerStatus
    let request: WorkerStatusRequest?
    let input: WorkerStatus
    let expected: WorkerStatusRequest?
    let returnsTasks: Bool
    var testDescription: String {
        "\(status.rawValue) [\(request.map { "\($0.status.rawValue) lazy=\($0.isLazy)" } ?? "none")] + \(input.rawValue)"
    }
}

/// A lazy request for `status`.
private func lazy(_ status: WorkerStatus) -> WorkerStatusRequest { WorkerStatusRequest(status, isLazy: true) }
/// A non-lazy request for `status`.
private func now(_ status: WorkerStatus) -> WorkerStatusRequest { WorkerStatusRequest(status, isLazy: false) }

@Suite("Worker status machine (protocol.md §5.2, §3.2–§3.5)")
struct WorkerStatusStateTests {
    @Test("A registered worker is offline with nothing pending")
    func registeredWorkerIsOffline() {
        #expect(WorkerStatusState.registered == WorkerStatusState(status: .offline, request: nil))
    }

    @Test("Sign-on sets starting and keeps the pending request", arguments: [nil, lazy(.asleep), now(.offline)])
    func signOnKeepsRequest(_ request: WorkerStatusRequest?) {
        let transition = WorkerStatusState(status: .awake, request: request).signingOn()
        #expect(transition.state == WorkerStatusState(status: .starting, request: request))
        #expect(transition.effects.isEmpty)
    }

    @Test("Sign-on answers the pending request, else the schedule, else awake")
    func signOnAnswer() {
        #expect(
            WorkerStatusState(status: .offline, request: lazy(.offline)).signOnStatus(isScheduledAsleep: true)
                == .offline)
        #expect(
            WorkerStatusState(status: .offline, request: now(.awake)).signOnStatus(isScheduledAsleep: true) == .awake)
        #expect(WorkerStatusState(status: .offline).signOnStatus(isScheduledAsleep: true) == .asleep)
        #expect(WorkerStatusState(status: .offline).signOnStatus(isScheduledAsleep: false) == .awake)
        #expect(WorkerStatusState(status: .awake, request: lazy(.asleep)).pendingStatus == .asleep)
        #expect(WorkerStatusState(status: .awake).pendingStatus == nil)
    }

    static let stateChanges: [WorkerCase] = [
        WorkerCase(status: .awake, request: nil, input: .asleep, expected: nil, returnsTasks: true),
        WorkerCase(status: .awake, request: now(.asleep), input: .asleep, expected: nil, returnsTasks: true),
        WorkerCase(status: .awake, request: now(.offline), input: .asleep, expected: now(.offline), returnsTasks: true),
        WorkerCase(status: .starting, request: nil, input: .awake, expected: nil, returnsTasks: false),
        WorkerCase(
            status: .starting, request: lazy(.asleep), input: .awake, expected: lazy(.asleep), returnsTasks: false),
        WorkerCase(status: .asleep, request: now(.awake), input: .awake, expected: nil, returnsTasks: false),
        WorkerCase(status: .awake, request: nil, input: .awake, expected: nil, returnsTasks: false),
        WorkerCase(status: .error, request: nil, input: .awake, expected: nil, returnsTasks: false),
        WorkerCase(status: .asleep, request: nil, input: .offline, expected: nil, returnsTasks: false),
    ]

    @Test("State-changed stores the status and clears only a reached request", arguments: stateChanges)
    func stateChanged(_ row: WorkerCase) {
        let transition = WorkerStatusState(status: row.status, request: row.request).reportingStatus(row.input)
        #expect(transition.state == WorkerStatusState(status: row.input, request: row.expected))
        let reason = "worker changed status to \(row.input.rawValue)"
        #expect(transition.effects == (row.returnsTasks ? [.returnActiveTasksToPool(reason: reason)] : []))
    }

    static let signOffs: [WorkerCase] = [
        WorkerCase(status: .awake, request: nil, input: .offline, expected: now(.awake), returnsTasks: true),
        WorkerCase(status: .asleep, request: nil, input: .offline, expected: now(.asleep), returnsTasks: true),
        WorkerCase(status: .awake, request: lazy(.offline), input: .offline, expected: now(.awake), returnsTasks: true),
        WorkerCase(
            status: .asleep, request: now(.restart), input: .offline, expected: now(.asleep), returnsTasks: true),
        WorkerCase(
            status: .awake, request: lazy(.asleep), input: .offline, expected: lazy(.asleep), returnsTasks: true),
        WorkerCase(status: .starting, request: nil, input: .offline, expected: nil, returnsTasks: true),
        WorkerCase(status: .starting, request: now(.offline), input: .offline, expected: nil, returnsTasks: true),
        WorkerCase(status: .error, request: nil, input: .offline, expected: nil, returnsTasks: true),
        WorkerCase(status: .offline, request: nil, input: .offline, expected: nil, returnsTasks: true),
    ]

    @Test("Sign-off fulfils offline/restart requests and remembers awake or asleep", arguments: signOffs)
    func signOff(_ row: WorkerCase) {
        let transition = WorkerStatusState(status: row.status, request: row.request).signingOff()
        #expect(transition.state == WorkerStatusState(status: .offline, request: row.expected))
        #expect(transition.effects == [.returnActiveTasksToPool(reason: "worker signed off")])
    }

    static let adminRequests: [WorkerCase] = [
        WorkerCase(status: .awake, request: nil, input: .asleep, expected: lazy(.asleep), returnsTasks: false),
        WorkerCase(
            status: .awake, request: now(.offline), input: .asleep, expected: lazy(.asleep), returnsTasks: false),
        WorkerCase(status: .awake, request: now(.asleep), input: .awake, expected: nil, returnsTasks: false),
        WorkerCase(status: .error, request: nil, input: .awake, expected: lazy(.awake), returnsTasks: false),
        WorkerCase(status: .offline, request: nil, input: .offline, expected: nil, returnsTasks: false),
    ]

    @Test("An admin request is stored lazily, or cleared when it names the current status", arguments: adminRequests)
    func adminRequest(_ row: WorkerCase) {
        let state = WorkerStatusState(status: row.status, request: row.request)
        let result = state.requestingStatus(row.input, isLazy: true, canRestart: false)
        #expect(
            result == .accepted(WorkerTransition(state: WorkerStatusState(status: row.status, request: row.expected))))
    }

    @Test("Restart needs a worker that can restart")
    func restartRequiresCanRestart() {
        let state = WorkerStatusState(status: .awake, request: lazy(.asleep))
        #expect(state.requestingStatus(.restart, isLazy: false, canRestart: false) == .restartNotSupported)
        let expected = WorkerTransition(state: WorkerStatusState(status: .awake, request: now(.restart)))
        #expect(state.requestingStatus(.restart, isLazy: false, canRestart: true) == .accepted(expected))
    }

    /// A sleep-schedule check: the worker's state, the scheduled status and the resulting request (nil = no change).
    struct ScheduleCase: Sendable, CustomTestStringConvertible {
        let status: WorkerStatus
        let request: WorkerStatusRequest?
        let scheduled: WorkerStatus
        let changesTo: WorkerStatusRequest?
        var testDescription: String {
            "\(status.rawValue) \(String(describing: request)) scheduled \(scheduled.rawValue)"
        }
    }

    static let scheduleChecks: [ScheduleCase] = [
        ScheduleCase(status: .awake, request: nil, scheduled: .asleep, changesTo: now(.asleep)),
        ScheduleCase(status: .awake, request: lazy(.asleep), scheduled: .asleep, changesTo: now(.asleep)),
        ScheduleCase(status: .asleep, request: lazy(.awake), scheduled: .asleep, changesTo: now(.asleep)),
        ScheduleCase(status: .awake, request: now(.offline), scheduled: .asleep, changesTo: now(.asleep)),
        ScheduleCase(status: .offline, request: nil, scheduled: .awake, changesTo: now(.awake)),
        ScheduleCase(status: .awake, request: now(.asleep), scheduled: .asleep, changesTo: nil),
        ScheduleCase(status: .asleep, request: nil, scheduled: .asleep, changesTo: nil),
        ScheduleCase(status: .error, request: nil, scheduled: .asleep, changesTo: nil),
        ScheduleCase(status: .error, request: lazy(.awake), scheduled: .asleep, changesTo: nil),
    ]

    @Test("The sleep schedule overrides with a non-lazy request unless nothing would change", arguments: scheduleChecks)
    func sleepSchedule(_ row: ScheduleCase) {
        let transition = WorkerStatusState(status: row.status, request: row.request).applyingSleepSchedule(
            row.scheduled)
        if let changesTo = row.changesTo {
            #expect(transition == WorkerTransition(state: WorkerStatusState(status: row.status, request: changesTo)))
        } else {
            #expect(transition == nil)
        }
    }

    @Test("A timeout sets error, clears the request and returns the tasks", arguments: WorkerStatus.allCases)
    func timeout(_ status: WorkerStatus) {
        let transition = WorkerStatusState(status: status, request: lazy(.asleep)).timingOut()
        #expect(transition.state == WorkerStatusState(status: .error, request: nil))
        #expect(transition.effects == [.returnActiveTasksToPool(reason: "worker timed out")])
    }
}
