import Foundation

/// `make-directory`: creates `path` with its parents; an existing directory is fine (worker-agent.md §3.7).
enum MakeDirectoryCommand {
    static func run(_ context: CommandContext) async throws {
        let path = try context.requiredString("path")
        try await context.log("make-directory: creating directory \(GoQuote.quote(path))")
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o775])
        } catch {
            let why = "could not create directory \(GoQuote.quote(path)): \(error.localizedDescription)"
            try await context.log("make-directory: \(why)")
            throw CommandFailure("make-directory: \(why)")
        }
    }
}
