import CJavaScriptCore

/// One script thread's JavaScriptCore virtual machine (a context group); each job gets a fresh context in it.
/// Used only by the thread that owns it.
final class ScriptEngine {
    private var group: JSContextGroupRef

    init() {
        _ = Self.configured
        group = JSContextGroupCreate()
    }

    /// JavaScriptCore's options, set once before its first virtual machine: polling traps, so the time limit stops
    /// a loop in JIT-compiled code through a check at each loop back-edge rather than through a signal sent to the
    /// script's thread (a runaway loop was once seen spinning on past its limit in a loaded test run).
    private static let configured: Void = {
        _ = jsc_options_set_boolean("usePollingTraps", 1)
    }()

    deinit { JSContextGroupRelease(group) }

    /// Runs `body` in a fresh context with the author API, under a time limit of `limit` for the whole job.
    func run<T>(
        limit: Duration, natives: ScriptNatives, _ body: (ScriptContext) throws(ScriptFailure) -> T
    ) -> Result<T, ScriptFailure> {
        let deadline = ScriptDeadline(limit: limit)
        let result = Result { () throws(ScriptFailure) -> T in
            let context = try ScriptContext(group: group, natives: natives, deadline: deadline)
            return try body(context)
        }
        JSContextGroupClearExecutionTimeLimit(group)
        if deadline.didExpire {
            // A stopped script may leave its virtual machine mid-way; the next job gets a new one.
            JSContextGroupRelease(group)
            group = JSContextGroupCreate()
        }
        return result
    }
}
