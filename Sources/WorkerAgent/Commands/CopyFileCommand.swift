import Foundation

/// `copy-file`: copies one regular file to a new absolute path, creating parent directories (§3.9).
enum CopyFileCommand {
    static func run(_ context: CommandContext) async throws {
        let source = try await string("src", context)
        guard source.hasPrefix("/") else { try await refuse("source file path \(GoQuote.quote(source)) is not absolute", context) }
        guard FileManager.default.fileExists(atPath: source) else {
            try await refuse("source file \(GoQuote.quote(source)) does not exist", context)
        }
        let destination = try await string("dest", context)
        guard destination.hasPrefix("/") else {
            try await refuse("destination file path \(GoQuote.quote(destination)) is not absolute", context)
        }
        var info = stat()
        guard lstat(destination, &info) != 0 else {
            try await refuse("destination file \(GoQuote.quote(destination)) already exists", context)
        }
        try await context.log("copy-file: copying \(GoQuote.quote(source)) to \(GoQuote.quote(destination))")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), !isDirectory.boolValue else {
            try await refuse("source \(GoQuote.quote(source)) is not a regular file", context)
        }
        do {
            let parent = (destination as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(
                atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            try copyBytes(from: source, to: destination)
        } catch {
            try await refuse("could not copy \(GoQuote.quote(source)) to \(GoQuote.quote(destination)): \(error)", context)
        }
        try await context.log("copy-file: copied \(GoQuote.quote(source)) to \(GoQuote.quote(destination))")
    }

    private static func string(_ key: String, _ context: CommandContext) async throws -> String {
        do { return try context.requiredString(key) } catch let failure as CommandFailure {
            try await context.log("copy-file: \(failure.message)")
            throw failure
        }
    }

    private static func refuse(_ reason: String, _ context: CommandContext) async throws -> Never {
        try await context.log("copy-file: \(reason)")
        throw CommandFailure("copy-file: \(reason)")
    }

    /// Streams the bytes into a new file (mode 0666 before umask; refuses to overwrite).
    private static func copyBytes(from source: String, to destination: String) throws {
        let input = open(source, O_RDONLY)
        guard input >= 0 else { throw CommandFailure(String(cString: strerror(errno))) }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL, 0o666)
        guard output >= 0 else { throw CommandFailure(String(cString: strerror(errno))) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw CommandFailure(String(cString: strerror(errno))) }
            if count == 0 { return }
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes { write(output, $0.baseAddress! + offset, count - offset) }
                guard written > 0 else { throw CommandFailure(String(cString: strerror(errno))) }
                offset += written
            }
        }
    }
}
