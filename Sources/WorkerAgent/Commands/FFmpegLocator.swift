import Foundation

/// Finds a working FFmpeg for `exe: ffmpeg` (worker-agent.md §7.3): `ffmpeg` on PATH, accepted only if `-version`
/// prints at least two lines, the first starting with `ffmpeg version `.
enum FFmpegLocator {
    /// The checked executable path, or `nil`.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) async -> String? {
        guard let path = PathLookup.find("ffmpeg", environment: environment) else { return nil }
        return await isValid(path) ? path : nil
    }

    /// Runs `<path> -version` (5 s limit) and checks its output.
    static func isValid(_ path: String) async -> Bool {
        guard let process = try? Subprocess.spawn([path, "-version"]) else { return false }
        let watchdog = Task {
            try await Task.sleep(for: .seconds(5))
            process.signalGroup(SIGKILL)
        }
        defer { watchdog.cancel() }
        var lines: [String] = []
        var code: Int32 = -1
        for await event in OutputReader.events(of: process) {
            switch event {
            case .line(let line): if lines.count < 2 { lines.append(line) }
            case .exited(let status): code = status
            }
        }
        return code == 0 && lines.count >= 2 && lines[0].hasPrefix("ffmpeg version ")
    }
}
