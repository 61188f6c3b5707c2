/// The answer to a user asking for a job status (`POST /jobs/{id}/setstatus`, protocol.md §6.5, §13 row 10).
public enum JobStatusRequestPlan: Sendable, Hashable {
    /// The job already has the requested status: nothing changes (204).
    case noChange
    /// The state machine does not allow this request: nothing changes (422 naming both statuses).
    case rejected(current: JobStatus, requested: JobStatus)
    /// The request is allowed: carry out the plan.
    case change(JobStatusChangePlan)

    /// Decides a user's request for `requested` on a job currently in `current`.
    public init(requesting requested: JobStatus, current: JobStatus) {
        if requested == current {
            self = .noChange
            return
        }
        guard Self.allowedSources(for: requested).contains(current) else {
            self = .rejected(current: current, requested: requested)
            return
        }
        var plan = JobStatusChangePlan(changingTo: requested, from: current)
        plan.clearsFailureState = requested == .requeueing
        self = .change(plan)
    }

    /// The job statuses from which a user may request `requested` (Tablao's decided table).
    ///
    /// Statuses missing here (`active`, `paused`, `canceled`, `completed`, `failed`, `under-construction`)
    /// are reached only through the state machine, never by request.
    public static func allowedSources(for requested: JobStatus) -> Set<JobStatus> {
        switch requested {
        case .cancelRequested: [.underConstruction, .queued, .active, .pauseRequested, .paused]
        case .pauseRequested: [.queued, .active]
        case .requeueing: [.active, .paused, .canceled, .failed, .completed]
        case .queued: [.underConstruction]
        case .underConstruction, .active, .paused, .canceled, .completed, .failed: []
        }
    }
}
