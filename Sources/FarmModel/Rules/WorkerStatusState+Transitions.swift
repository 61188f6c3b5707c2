/// The worker status machine of protocol.md §5.2, as pure transitions.
extension WorkerStatusState {
    /// Reason given when a worker's tasks go back to the pool on sign-off.
    public static let signOffReason = "worker signed off"
    /// Reason given when a worker's tasks go back to the pool after it timed out.
    public static let timeoutReason = "worker timed out"

    /// Reason given when a worker's tasks go back to the pool because it left `awake`.
    public static func statusChangeReason(_ newStatus: WorkerStatus) -> String {
        "worker changed status to \(newStatus.rawValue)"
    }

    /// Sign-on: `starting`; the pending request stays and active tasks stay assigned (§3.2).
    public func signingOn() -> WorkerTransition {
        WorkerTransition(state: WorkerStatusState(status: .starting, request: request))
    }

    /// The worker reports `newStatus` (state-changed, §3.5).
    ///
    /// A request the worker did not reach stays pending; leaving `awake` returns its active tasks.
    public func reportingStatus(_ newStatus: WorkerStatus) -> WorkerTransition {
        let keptRequest = request.flatMap { $0.status == newStatus ? nil : $0 }
        let effects: [WorkerStatusEffect] =
            status == .awake && newStatus != .awake
            ? [.returnActiveTasksToPool(reason: Self.statusChangeReason(newStatus))] : []
        return WorkerTransition(state: WorkerStatusState(status: newStatus, request: keptRequest), effects: effects)
    }

    /// Sign-off (§3.3): `offline`, fulfils an `offline`/`restart` request and remembers `awake`/`asleep`.
    public func signingOff() -> WorkerTransition {
        var newRequest = request
        if let pending = newRequest, pending.status == .offline || pending.status == .restart {
            newRequest = nil
        }
        // Remembering the previous state makes the next sign-on answer with it (§5.4).
        if newRequest == nil, status == .awake || status == .asleep {
            newRequest = WorkerStatusRequest(status, isLazy: false)
        }
        return WorkerTransition(
            state: WorkerStatusState(status: .offline, request: newRequest),
            effects: [.returnActiveTasksToPool(reason: Self.signOffReason)]
        )
    }

    /// An administrator asks for `requested` (§5.2): stored, or cleared when it is the current status.
    public func requestingStatus(
        _ requested: WorkerStatus,
        isLazy: Bool,
        canRestart: Bool
    ) -> WorkerStatusRequestResult {
        if requested == .restart && !canRestart { return .restartNotSupported }
        let newRequest = requested == status ? nil : WorkerStatusRequest(requested, isLazy: isLazy)
        return .accepted(WorkerTransition(state: WorkerStatusState(status: status, request: newRequest)))
    }

    /// The sleep schedule wants `scheduled` (§5.5); nil when nothing needs to change.
    ///
    /// The request is non-lazy and overrides any pending one. Workers in `error` are skipped.
    public func applyingSleepSchedule(_ scheduled: WorkerStatus) -> WorkerTransition? {
        if status == .error { return nil }
        if status == scheduled && request == nil { return nil }
        let wanted = WorkerStatusRequest(scheduled, isLazy: false)
        if request == wanted { return nil }
        return WorkerTransition(state: WorkerStatusState(status: status, request: wanted))
    }

    /// The worker stopped reporting (§9): `error`, request cleared, active tasks returned.
    public func timingOut() -> WorkerTransition {
        WorkerTransition(
            state: WorkerStatusState(status: .error, request: nil),
            effects: [.returnActiveTasksToPool(reason: Self.timeoutReason)]
        )
    }
}
