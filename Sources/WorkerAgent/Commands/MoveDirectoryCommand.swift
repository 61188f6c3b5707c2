import Foundation

/// `move-directory`: renames `src` to `dest`, first moving an existing `dest` aside (worker-agent.md §3.8).
enum MoveDirectoryCommand {
    static func run(_ context: CommandContext) async throws {
        let source = try context.requiredString("src")
        let destination = try context.requiredString("dest")
        var info = stat()
        guard lstat(source, &info) == 0 || errno == EACCES else {
            try await context.log(
                "move-directory: source path \(GoQuote.quote(source)) does not exist, not moving anything")
            throw CommandFailure("move-directory: parameter \"src\" has invalid value \(source): path does not exist")
        }
        if lstat(destination, &info) == 0 {
            let backup = backupName(for: destination, modified: Date(timeIntervalSince1970: Double(modificationTime(info))))
            try await move(destination, to: backup, context)
        }
        try await move(source, to: destination, context)
    }

    /// The modification time rounded to the nearest second (half up, like Go's `Round(time.Second)`).
    private static func modificationTime(_ info: stat) -> Int {
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return Int(time.tv_sec) + (time.tv_nsec >= 500_000_000 ? 1 : 0)
    }

    private static func move(_ source: String, to destination: String, _ context: CommandContext) async throws {
        try await context.log("move-directory: moving \(GoQuote.quote(source)) to \(GoQuote.quote(destination))")
        guard rename(source, destination) == 0 else {
            let why = "could not move \(GoQuote.quote(source)) to \(GoQuote.quote(destination)): "
                + String(cString: strerror(errno))
            try await context.log("move-directory: \(why)")
            throw CommandFailure("move-directory: \(why)")
        }
    }

    /// `<dest>-YYYY-MM-DD_HHMMSS` (local time), or with `-001`, `-002`, … when that is taken.
    static func backupName(for destination: String, modified: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd_HHmmss"
        let base = "\(destination)-\(formatter.string(from: modified))"
        guard FileManager.default.fileExists(atPath: base) else { return base }
        let directory = (base as NSString).deletingLastPathComponent
        let prefix = (base as NSString).lastPathComponent + "-"
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        let highest = siblings.compactMap { name -> Int? in
            guard name.hasPrefix(prefix) else { return nil }
            let digits = name.dropFirst(prefix.count)
            return digits.allSatisfy(\.isNumber) ? Int(digits) : nil
        }.max() ?? 0
        let number = String(highest + 1)
        return base + "-" + String(repeating: "0", count: max(0, 3 - number.count)) + number
    }
}
