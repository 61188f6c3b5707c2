import Farm
import FarmModel
import Foundation
import Logging
import Synchronization

/// The built-in job types plus the job-type scripts of a folder, kept current without a restart.
///
/// Every lookup first looks at the folder (`ScriptFolder`: one `stat` per `*.js` file); when anything changed
/// since the last look, all its scripts are loaded again on a script thread before answering, so an edit is
/// seen by the very next request and no background timer is needed. A file that fails to load is logged with its
/// line and left out, and the other types stay offered. A script overrides a built-in type of the same name; a
/// broken script overrides nothing.
public final class ScriptedJobTypes: JobTypeSource {
    /// The time a script may run for one load or one compile unless configured otherwise.
    public static let defaultTimeLimit: Duration = .seconds(10)

    private let builtIn: JobTypeRegistry
    private let runner: ScriptRunner
    /// The folder as last loaded and what it gave.
    private let loaded = Mutex<(folder: ScriptFolder, types: [String: ScriptedJobType])?>(nil)

    /// Creates the catalog over `folder` (which need not exist yet); scripts run on `pool`.
    public init(
        folder: URL, builtIn: JobTypeRegistry = .builtIn, timeLimit: Duration = ScriptedJobTypes.defaultTimeLimit,
        pool: ScriptThreadPool, logger: Logger
    ) {
        self.builtIn = builtIn
        self.runner = ScriptRunner(pool: pool, folder: folder.standardizedFileURL, timeLimit: timeLimit, logger: logger)
    }

    public func offeredJobTypes() async -> [any OfferedJobType] {
        let scripts = await currentScripts()
        var types: [String: any OfferedJobType] = [:]
        for type in builtIn.jobTypes { types[type.name] = NativeJobType(type) }
        for (name, type) in scripts { types[name] = type }
        return types.keys.sorted().map { types[$0]! }
    }

    public func offeredJobType(named name: String) async -> (any OfferedJobType)? {
        if let script = await currentScripts()[name] { return script }
        let found: (any JobType)? = builtIn.jobType(named: name)
        return found.map(NativeJobType.init)
    }

    /// The scripted types, loading the folder again first if it changed.
    private func currentScripts() async -> [String: ScriptedJobType] {
        let folder = ScriptFolder(scanning: runner.folder)
        if let current = loaded.withLock({ $0 }), current.folder == folder { return current.types }
        let types = await load(folder)
        // Of two loads racing after an edit, the last to finish stays; each is right for the folder it saw, and a
        // later look at a changed folder loads again.
        loaded.withLock { $0 = (folder, types) }
        return types
    }

    private func load(_ folder: ScriptFolder) async -> [String: ScriptedJobType] {
        var types: [String: ScriptedJobType] = [:]
        var files: [String: String] = [:]
        for file in folder.jobTypeFiles {
            let name = ScriptFolder.jobTypeName(ofFile: file)
            if let first = files[name] {
                report(file, ScriptFailure(message: "defines job type \(name), as \(first) already does; ignored"))
                continue
            }
            switch await load(file: file, name: name) {
            case .success(let type?):
                types[name] = type
                files[name] = file
            case .success(nil):
                runner.logger.debug("Script without JOB_TYPE is a module only", metadata: ["script": "\(file)"])
            case .failure(let failure):
                report(file, failure)
            }
        }
        runner.logger.info(
            "Job type scripts loaded",
            metadata: [
                "folder": "\(runner.folder.path)", "job_types": "\(types.keys.sorted().joined(separator: ", "))",
                "overriding":
                    "\(types.keys.filter { builtIn.jobType(named: $0) != nil }.sorted().joined(separator: ", "))",
            ])
        return types
    }

    /// Loads one root file: nil for a module (no `JOB_TYPE` and no `compileJob`).
    private func load(file: String, name: String) async -> Result<ScriptedJobType?, ScriptFailure> {
        let source: String
        do {
            source = try String(contentsOf: runner.folder.appending(path: file), encoding: .utf8)
        } catch {
            return .failure(ScriptFailure(message: "cannot be read: \(error.localizedDescription)", file: file))
        }
        let described = await runner.run(script: file, timeZone: .current) { (context) throws(ScriptFailure) in
            try context.evaluate(source, file: file)
            return try context.describe()
        }
        let runner = self.runner
        return described.flatMap { (description) -> Result<ScriptedJobType?, ScriptFailure> in
            guard case .object(let fields) = description else {
                return .failure(ScriptFailure(message: "could not be inspected", file: file))
            }
            let jobType = fields["jobType"] ?? .null
            let hasCompileJob = fields["hasCompileJob"] == .bool(true)
            if jobType == .null && !hasCompileJob { return .success(nil) }
            guard hasCompileJob else {
                return .failure(ScriptFailure(message: "defines no compileJob(job) function", file: file))
            }
            guard jobType != .null else {
                return .failure(ScriptFailure(message: "defines no JOB_TYPE object", file: file))
            }
            do throws(JobTypeObjectReader.Refusal) {
                let definition = try JobTypeObjectReader.definition(named: name, from: jobType)
                return .success(ScriptedJobType(definition: definition, file: file, source: source, runner: runner))
            } catch {
                return .failure(ScriptFailure(message: error.reason, file: file))
            }
        }
    }

    private func report(_ file: String, _ failure: ScriptFailure) {
        var metadata: Logger.Metadata = ["script": "\(file)", "error": "\(failure.message)"]
        if let line = failure.line { metadata["line"] = "\(line)" }
        if let at = failure.file, at != file { metadata["in"] = "\(at)" }
        runner.logger.error("Job type script failed to load; its job type is not offered", metadata: metadata)
    }
}
