import Foundation
import TablaoConfig
import Yams

extension WorkerConfiguration {
    /// Files looked for in the current directory when no `--config` is given, in order.
    public static let defaultFileNames = ["tablao-worker.yaml", "flamenco-worker.yaml"]

    /// The keys of Flamenco's worker configuration (worker-agent.md §1.2); `oom_score_adjust` is accepted so a
    /// Flamenco file can be reused, and has no effect.
    public static let fileKeys = ["manager_url", "task_types", "restart_exit_code", "oom_score_adjust", "worker_name"]

    /// Defaults overlaid with the YAML file at `path` (absent or empty → defaults) and the environment. A YAML error
    /// or an unknown key throws (a mistyped `worker_name` would otherwise go unnoticed).
    public static func load(path: String?, environment: [String: String]) throws -> WorkerConfiguration {
        var configuration = WorkerConfiguration()
        configuration.home = defaultHome(environment: environment)
        let candidates = path.map { [$0] } ?? defaultFileNames
        guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            if let path { throw WorkerError.configuration("\(path) does not exist") }
            return configuration
        }
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw WorkerError.configuration("cannot read \(file): \(error)")
        }
        let loaded: Any?
        do { loaded = try Yams.load(yaml: text) } catch {
            throw WorkerError.configuration("\(file): \(error)")
        }
        guard let fields = loaded as? [String: Any] else {
            if loaded == nil { return configuration }
            throw WorkerError.configuration("\(file): expected a mapping at the top level")
        }
        try configuration.apply(fields, file: file)
        return configuration
    }

    private mutating func apply(_ fields: [String: Any], file: String) throws {
        for key in fields.keys.sorted() where !Self.fileKeys.contains(key) {
            throw WorkerError.configuration(
                "\(file): \(key): \(KeySuggestion.unknownKeyProblem(key, among: Self.fileKeys)) (known: "
                    + Self.fileKeys.joined(separator: ", ") + ")")
        }
        if let value = fields["manager_url"] {
            guard let text = value as? String else { throw invalid("manager_url", file) }
            managerURL = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let value = fields["task_types"] {
            guard let list = value as? [Any] else { throw invalid("task_types", file) }
            taskTypes = list.map { "\($0)" }
        }
        if let value = fields["restart_exit_code"] {
            guard let code = value as? Int, let narrow = Int32(exactly: code) else {
                throw invalid("restart_exit_code", file)
            }
            restartExitCode = narrow
        }
        if let value = fields["worker_name"] {
            guard let text = value as? String else { throw invalid("worker_name", file) }
            workerName = text
        }
    }

    private func invalid(_ key: String, _ file: String) -> WorkerError {
        .configuration("\(file): invalid value for \(key)")
    }
}
