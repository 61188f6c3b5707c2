/// The worker endpoints of protocol.md §3, as the stand-in Manager tells them apart.
enum StandInEndpoint: String, Hashable, Sendable, CaseIterable {
    case registerWorker, signOn, signOff, stateChanged, state, fetchTask, taskUpdate, mayIRun, outputProduced
    /// Anything else; answered 404.
    case unknown

    /// The endpoint addressed by `method path` (path without the stand-in's prefix), and the task id in it if any.
    static func classify(method: String, path: String) -> (StandInEndpoint, taskID: String?) {
        let prefix = "/api/v3/worker/"
        guard path.hasPrefix(prefix) else { return (.unknown, nil) }
        let parts = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch (method, parts.count, parts.first ?? "") {
        case ("POST", 1, "register-worker"): return (.registerWorker, nil)
        case ("POST", 1, "sign-on"): return (.signOn, nil)
        case ("POST", 1, "sign-off"): return (.signOff, nil)
        case ("POST", 1, "state-changed"): return (.stateChanged, nil)
        case ("GET", 1, "state"): return (.state, nil)
        case ("POST", 1, "task"): return (.fetchTask, nil)
        case ("POST", 2, "task"): return (.taskUpdate, parts[1])
        case ("GET", 3, "task") where parts[2] == "may-i-run": return (.mayIRun, parts[1])
        case ("POST", 3, "task") where parts[2] == "output-produced": return (.outputProduced, parts[1])
        default: return (.unknown, nil)
        }
    }
}
