import FarmModel
import Foundation
import WorkerAgent

/// Building blocks shared by the §8.1 checklist tests: seeded commands, fake executables, waiting for outcomes.
enum Checklist {
    /// One failure fails a task for good, so a failing test task is not re-offered.
    static let hardFail = TaskFailureThresholds(blocklistThreshold: 3, failAfterSoftFailCount: 1)

    /// An `exec` command.
    static func exec(_ exe: String, _ args: [JSONValue] = [], steps: Int = 0) -> CompiledCommand {
        CompiledCommand(name: "exec", parameters: ["exe": .string(exe), "args": .array(args)], totalStepCount: steps)
    }

    /// A `/bin/sh -c <script>` exec command.
    static func shell(_ script: String, steps: Int = 0) -> CompiledCommand {
        exec("/bin/sh", [.string("-c"), .string(script)], steps: steps)
    }

    /// A command with any name and parameters.
    static func command(_ name: String, _ parameters: [String: JSONValue], steps: Int = 0) -> CompiledCommand {
        CompiledCommand(name: name, parameters: parameters, totalStepCount: steps)
    }

    /// A task of type `misc` (or `type`) with the given commands.
    static func task(_ name: String, type: String = "misc", _ commands: [CompiledCommand]) -> CompiledTask {
        CompiledTask(name: name, taskType: type, priority: 50, commands: commands)
    }

    /// Writes an executable `#!/bin/sh` script into `folder`; returns its path.
    static func script(_ body: String, in folder: URL, named name: String) throws -> String {
        let path = folder.appending(path: name).path
        try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// A script printing `argc=<n>` and then each argument as `arg=[<argument>]`, then exiting 0.
    static func argumentPrinter(in folder: URL, named name: String = "print-args") throws -> String {
        try script(#"echo "argc=$#"; for a in "$@"; do printf 'arg=[%s]\n' "$a"; done"#, in: folder, named: name)
    }

    /// The lines ``argumentPrinter(in:named:)`` prints for `arguments`.
    static func printedArguments(_ arguments: [String]) -> [String] {
        ["argc=\(arguments.count)"] + arguments.map { "arg=[\($0)]" }
    }

    /// Seeds one job holding one `misc` task named `task` with `commands`; returns the job and its task's id.
    static func seed(_ farm: WorkerFarm, _ commands: [CompiledCommand]) async throws -> (job: JobID, taskID: String) {
        try await seed(farm, "task", commands)
    }

    /// Seeds one job holding one task with `commands`; returns the job and its task's id.
    static func seed(_ farm: WorkerFarm, _ name: String, type: String = "misc", _ commands: [CompiledCommand])
        async throws -> (job: JobID, taskID: String)
    {
        let job = try await farm.seedJob(tasks: [task(name, type: type, commands)])
        let taskID = try await farm.tasks(of: job).first?.id.rawValue ?? ""
        return (job, taskID)
    }

    /// Waits until the job is `completed`, `failed` or `canceled`; returns its status then.
    static func finalStatus(of job: JobID, in farm: WorkerFarm, within seconds: Double = 20) async throws -> JobStatus {
        _ = try await eventually(within: seconds) {
            [.completed, .failed, .canceled].contains(try await farm.job(job).status)
        }
        return try await farm.job(job).status
    }

    /// The `pid=<n> > ` prefixed lines of a log text, without the prefix; each with its pid.
    static func outputLines(_ log: String) -> [(pid: Int, text: String)] {
        log.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            guard line.hasPrefix("pid="), let arrow = line.range(of: " > ") else { return nil }
            guard let pid = Int(line[line.index(line.startIndex, offsetBy: 4)..<arrow.lowerBound]) else { return nil }
            return (pid, String(line[arrow.upperBound...]))
        }
    }
}

/// Whether a process is alive (and not a zombie).
enum ProcessProbe {
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return true }
        return !stat[close...].dropFirst(2).hasPrefix("Z")
    }
}
