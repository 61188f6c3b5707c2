/// A status the Manager asks a worker to enter (protocol.md §5.1).
public struct WorkerStatusRequest: Sendable, Hashable {
    /// The requested status.
    public var status: WorkerStatus
    /// True: apply after the current task finishes; false: abort the running task now.
    public var isLazy: Bool

    /// Creates a request for `status`.
    public init(_ status: WorkerStatus, isLazy: Bool) {
        self.status = status
        self.isLazy = isLazy
    }
}

/// A worker's status together with its pending status request (protocol.md §5.1, §5.2).
public struct WorkerStatusState: Sendable, Hashable {
    /// The worker's current status.
    public var status: WorkerStatus
    /// The pending status request, if any.
    public var request: WorkerStatusRequest?

    /// Creates a state.
    public init(status: WorkerStatus, request: WorkerStatusRequest? = nil) {
        self.status = status
        self.request = request
    }

    /// A freshly registered worker: `offline` (Flamenco stores `""`, §13 row 2) with nothing pending.
    public static let registered = WorkerStatusState(status: .offline)

    /// The status to answer with `status_requested` on `GET /worker/state`: the pending one, lazy or not (§3.4).
    public var pendingStatus: WorkerStatus? { request?.status }

    /// The status the sign-on response announces (§3.2 step 4).
    ///
    /// - Parameter isScheduledAsleep: whether the worker's active sleep schedule covers "now" (§5.5).
    public func signOnStatus(isScheduledAsleep: Bool) -> WorkerStatus {
        if let request { return request.status }
        return isScheduledAsleep ? .asleep : .awake
    }
}

/// Something the caller must do after a worker status transition.
public enum WorkerStatusEffect: Sendable, Hashable {
    /// Return the worker's `active` tasks to the pool (§6.4) with this reason.
    case returnActiveTasksToPool(reason: String)
}

/// The result of a worker status transition: the new state and what to do about it.
public struct WorkerTransition: Sendable, Hashable {
    /// The worker's state after the transition.
    public var state: WorkerStatusState
    /// Work the caller carries out in the same transaction.
    public var effects: [WorkerStatusEffect]

    /// Creates a transition result.
    public init(state: WorkerStatusState, effects: [WorkerStatusEffect] = []) {
        self.state = state
        self.effects = effects
    }
}

/// The result of an administrator's status request (`POST /worker-mgt/workers/{id}/setstatus`).
public enum WorkerStatusRequestResult: Sendable, Hashable {
    /// The request was stored (or, for the current status, cleared).
    case accepted(WorkerTransition)
    /// `restart` was requested of a worker that cannot restart itself (412).
    case restartNotSupported
}
