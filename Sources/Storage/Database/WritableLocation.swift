import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks, before anything is created or opened, that the database, its folder and the storage folder can be
/// written, so that a Manager that cannot write refuses to start instead of answering every write with a 500.
///
/// Each check tries the real operation (opening for writing, creating a file) rather than trusting mode bits,
/// which do not stop root; a file or folder with no write permission bit at all is refused even for root, since
/// that is what its owner asked for.
public enum WritableLocation {
    /// A location that cannot be used; the description names it, the reason and what to do.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        /// The whole message.
        public let description: String
    }

    /// Refuses a database path whose folder does not exist, unless `createFolders`, which creates it.
    public static func prepareFolder(ofDatabase database: String, createFolders: Bool) throws {
        let folder = URL(fileURLWithPath: database).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw Problem(description: "the database's folder \(folder) is not a folder; check --database \(database)")
            }
            return
        }
        guard createFolders else {
            throw Problem(
                description: "the database's folder \(folder) does not exist; check --database \(database) for a typo, "
                    + "create the folder, or pass --create-directories to create it")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Problem(description: "cannot create the database's folder \(folder): \(error.localizedDescription)")
        }
    }

    /// Refuses a database file (or its `-wal`/`-shm`) that cannot be written, or a folder where SQLite cannot create
    /// its `-wal` and `-shm` files. A missing database file is fine: it is created.
    public static func checkDatabase(_ database: String) throws {
        let files = [(database, "database file"), (database + "-wal", "WAL file"), (database + "-shm", "shared-memory file")]
        for (path, role) in files {
            try checkFile(path, role: role, fix: "make it writable by the user running tablao (chmod u+w \(path))")
        }
        let folder = URL(fileURLWithPath: database).deletingLastPathComponent().path
        try checkFolder(
            folder, role: "database's folder",
            why: "SQLite creates \(URL(fileURLWithPath: database).lastPathComponent)-wal and -shm there")
    }

    /// Refuses a folder in which files cannot be created; `why` says what needs it.
    public static func checkFolder(_ folder: String, role: String, why: String) throws {
        var info = stat()
        guard stat(folder, &info) == 0 else {
            throw Problem(description: "the \(role) \(folder) cannot be read: \(lastError())")
        }
        if info.st_mode & 0o222 == 0 {
            throw Problem(
                description: "the \(role) \(folder) is read-only (mode \(modeText(info.st_mode))); \(why): "
                    + "make it writable by the user running tablao")
        }
        let probe = folder + "/.tablao-write-probe-\(getpid())"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Problem(
                description: "the \(role) \(folder) is not writable (\(lastError())); \(why): "
                    + "make it writable by the user running tablao")
        }
        close(descriptor)
        unlink(probe)
    }

    /// Refuses an existing file that cannot be opened for writing; a missing file passes.
    static func checkFile(_ path: String, role: String, fix: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Problem(description: "the \(role) \(path) is not a regular file")
        }
        if info.st_mode & 0o222 == 0 {
            throw Problem(description: "the \(role) \(path) is read-only (mode \(modeText(info.st_mode))); \(fix)")
        }
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Problem(description: "the \(role) \(path) cannot be opened for writing (\(lastError())); \(fix)")
        }
        close(descriptor)
    }

    private static func modeText(_ mode: mode_t) -> String { "0" + String(mode & 0o777, radix: 8) }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
