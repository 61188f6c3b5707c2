import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The run record beside a database, `<database>.lock`: an exclusive `flock` held while a Manager serves the
/// database (the file then names its PID), and the word `clean` written at a graceful shutdown.
///
/// The lock keeps a second `tablao serve` off a database that one already serves. The record is how start-up
/// knows the previous run crashed: unlike a leftover `-wal` file, it survives an operator opening the database
/// with `sqlite3` after the crash (which checkpoints and removes the `-wal`).
public final class ManagerLock: Sendable {
    /// What the record said about the previous run when the lock was taken.
    public enum PreviousRun: Sendable, Equatable {
        /// The last Manager on this database shut down gracefully.
        case stoppedCleanly
        /// A Manager took the lock and never released it cleanly: it crashed or was killed.
        case didNotStopCleanly(pid: Int32?)
        /// No record: a database never served by this version of Tablao (or restored without its record).
        case unknown
    }

    /// Why the lock could not be taken.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// Another process holds the lock.
        case heldByAnotherProcess(lockPath: String, databasePath: String, pid: Int32?)
        /// The lock file could not be opened or locked.
        case unusable(lockPath: String, reason: String)

        public var description: String {
            switch self {
            case .heldByAnotherProcess(let lockPath, let databasePath, let pid):
                "\(databasePath) is already served by another Tablao Manager"
                    + (pid.map { " (PID \($0), see \(lockPath))" } ?? " (see \(lockPath))")
                    + "; stop that Manager first, or give this one a different --database"
            case .unusable(let lockPath, let reason):
                "cannot lock \(lockPath): \(reason); check that the database's folder is writable"
            }
        }
    }

    /// The lock file's path.
    public let path: String
    /// What the record said about the previous run.
    public let previousRun: PreviousRun
    private let databasePath: String
    private let descriptor: Int32

    /// The lock file's path for a database.
    public static func path(forDatabase database: String) -> String { database + ".lock" }

    /// Takes the lock for `database`, reading what the record says about the previous run; throws ``Failure`` when
    /// another process holds it. The record is left as it is until ``recordRunning()``.
    public static func acquire(forDatabase database: String) throws -> ManagerLock {
        let path = path(forDatabase: database)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure.unusable(lockPath: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let record = readRecord(descriptor)
            close(descriptor)
            if code == EWOULDBLOCK {
                throw Failure.heldByAnotherProcess(lockPath: path, databasePath: database, pid: pid(in: record))
            }
            throw Failure.unusable(lockPath: path, reason: String(cString: strerror(code)))
        }
        let record = readRecord(descriptor)
        let previous: PreviousRun =
            record.hasPrefix("clean")
            ? .stoppedCleanly : record.isEmpty ? .unknown : .didNotStopCleanly(pid: pid(in: record))
        return ManagerLock(path: path, databasePath: database, previousRun: previous, descriptor: descriptor)
    }

    private init(path: String, databasePath: String, previousRun: PreviousRun, descriptor: Int32) {
        self.path = path
        self.databasePath = databasePath
        self.previousRun = previousRun
        self.descriptor = descriptor
    }

    /// Records this process's PID as the running Manager (call before opening the database): until a graceful
    /// shutdown replaces it, the record says the run did not stop cleanly.
    public func recordRunning() throws {
        try write(
            "pid \(getpid())\nThis Tablao Manager serves \(databasePath); it writes \"clean\" here when it stops.\n")
    }

    /// Records a graceful shutdown (call after the database is closed) and releases the lock.
    public func releaseAfterCleanShutdown() throws {
        defer { close(descriptor) }
        try write("clean\nThe last Tablao Manager on this database stopped gracefully.\n")
    }

    /// Releases the lock, leaving the record as it is (after ``recordRunning()``, the next start-up checks the
    /// database).
    public func release() { close(descriptor) }

    private func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard ftruncate(descriptor, 0) == 0,
            bytes.withUnsafeBytes({ pwrite(descriptor, $0.baseAddress, $0.count, 0) }) == bytes.count,
            fsync(descriptor) == 0
        else { throw Failure.unusable(lockPath: path, reason: String(cString: strerror(errno))) }
    }

    private static func readRecord(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
    }

    private static func pid(in record: String) -> Int32? {
        guard record.hasPrefix("pid ") else { return nil }
        return Int32(record.dropFirst(4).prefix { $0.isNumber })
    }
}
