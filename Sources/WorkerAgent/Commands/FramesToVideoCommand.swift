import Foundation

/// `frames-to-video`: FFmpeg turns an image sequence into a video (worker-agent.md §3.6, Linux/macOS form), with the
/// frame rate passed once for the input and once for the output.
enum FramesToVideoCommand {
    static func run(_ context: CommandContext) async throws {
        var executable = try context.requiredString("exe")
        if executable == "ffmpeg" || executable == "ffmpeg.exe" {
            guard let found = await FFmpegLocator.find() else {
                throw CommandFailure(
                    "frames-to-video: parameter \"exe\" has invalid value \(executable): no working FFmpeg found on PATH")
            }
            executable = found
        }
        var exeArgs: [String] = []
        if case .string(let text)? = context.parameters["exeArgs"] {
            guard let words = ExeArgsSplitter.split(text) else {
                throw CommandFailure("frames-to-video: parameter \"exeArgs\" has invalid value \(text): cannot split")
            }
            exeArgs = words
        }
        guard case .number(let fps)? = context.parameters["fps"], fps != 0 else {
            throw CommandFailure(
                "frames-to-video: mandatory parameter \"fps\" is missing: \(WireValue.object(context.parameters).text)")
        }
        let inputGlob = try context.requiredString("inputGlob")
        let outputFile = try context.requiredString("outputFile")
        let argsBefore = try context.stringList("argsBefore")
        let args = try context.stringList("args")
        let rate = WireValue.shortest(fps)
        let glob = inputGlob.replacingOccurrences(of: "\\", with: "/")
        // Each option once per file: a `-r` the job already passes (Flamenco's stock job puts one in `args`) replaces
        // the worker's own, so FFmpeg does not warn "Multiple -r options".
        let inputRate = argsBefore.contains("-r") ? [] : ["-r", rate]
        let outputRate = args.contains("-r") ? [] : ["-r", rate]
        let argv = [executable] + exeArgs + argsBefore + inputRate + ["-pattern_type", "glob", "-i", glob] + args
            + outputRate + [outputFile]
        try await SubprocessCommand.run(argv, context)
    }
}
