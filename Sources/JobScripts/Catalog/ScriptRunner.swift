import FarmModel
import Foundation
import Logging

/// What loading and compiling scripts share: the script threads, the folder, the time limit and the logger.
struct ScriptRunner: Sendable {
    let pool: ScriptThreadPool
    let folder: URL
    let timeLimit: Duration
    let logger: Logger

    /// Runs `body` for `script` in a fresh context on a script thread, under the time limit.
    func run<T: Sendable>(
        script: String, timeZone: TimeZone, _ body: @escaping @Sendable (ScriptContext) throws(ScriptFailure) -> T
    ) async -> Result<T, ScriptFailure> {
        let natives = ScriptNatives(folder: folder, script: script, timeZone: timeZone, logger: logger)
        let limit = timeLimit
        return await pool.run { engine in engine.run(limit: limit, natives: natives, body) }
            ?? .failure(ScriptFailure(message: "the Manager is shutting down"))
    }
}
