import Foundation
import SQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Consistent copies of a live database, taken with `VACUUM INTO`.
public enum Backup {
    /// Copies the database to `destination` (which must not exist) as one consistent snapshot.
    public static func copy(_ connection: Connection, to destination: String) throws {
        try connection.execute("VACUUM INTO ?", .text(destination))
    }

    /// The suffix of a backup being written; a file with it is one a killed process left unfinished.
    public static let unfinishedSuffix = ".partial"

    /// Takes the backup `migrate up` and `serve` make before upgrading: `<db>.backup-v<N>-<UTC time>`.
    ///
    /// The copy is written as `<name>.partial`, flushed to disk, then renamed, so the final name only ever holds a
    /// complete backup, even when the process is killed half-way.
    public static func takeBeforeMigrating(_ connection: Connection, status: MigrationStatus, now: Date) throws -> String {
        let stamp = Timestamp.string(from: now)
            .replacingOccurrences(of: " ", with: "T")
            .replacingOccurrences(of: ":", with: "")
        var path = "\(connection.path).backup-v\(status.currentVersion)-\(stamp)"
        var attempt = 1
        while FileManager.default.fileExists(atPath: path) {
            attempt += 1
            path = "\(connection.path).backup-v\(status.currentVersion)-\(stamp)-\(attempt)"
        }
        let partial = path + unfinishedSuffix
        try? FileManager.default.removeItem(atPath: partial)
        try copy(connection, to: partial)
        try flushToDisk(partial)
        guard rename(partial, path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw BackupError(description: "cannot rename the backup \(partial) to \(path): \(reason)")
        }
        try flushToDisk(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        return path
    }

    /// Removes the unfinished backups (`<db>.backup-….partial` and its `-journal`) a killed `migrate up` or `serve`
    /// left beside `database`; returns their paths.
    public static func removeUnfinished(besides database: String) -> [String] {
        let url = URL(fileURLWithPath: database)
        let folder = url.deletingLastPathComponent()
        let prefix = url.lastPathComponent + ".backup-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        // VACUUM INTO also leaves the copy's rollback journal, `<name>.partial-journal`, when killed.
        let unfinished = names.sorted().filter {
            $0.hasPrefix(prefix) && ($0.hasSuffix(unfinishedSuffix) || $0.hasSuffix(unfinishedSuffix + "-journal"))
        }
        return unfinished.compactMap { name in
            let path = folder.appending(path: name).path
            return (try? FileManager.default.removeItem(atPath: path)) != nil ? path : nil
        }
    }

    /// fsync of a file or folder.
    private static func flushToDisk(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw BackupError(description: "cannot open \(path) to flush the backup: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw BackupError(description: "cannot flush the backup \(path) to disk: \(String(cString: strerror(errno)))")
        }
    }
}

/// A backup could not be completed; the description names the file and the reason.
public struct BackupError: Error, Sendable, CustomStringConvertible {
    /// The whole message.
    public let description: String
}
