import FarmModel
import Foundation
import Logging
import Storage

/// Task log files under the storage root: `job-<4>/<job ID>/task-<task ID>.txt` (protocol.md §10.2).
///
/// Appends use `O_APPEND` writes; once `write(2)` returns, the text is in the kernel and survives a SIGKILL of
/// the Manager. Use cases write a transaction's lines with ``write(_:)`` after it committed, on one serial queue of
/// its own (never the writer's thread nor Swift's shared pool), so lines of one task keep their order. A log that
/// cannot be written (disk full, read-only, a file where a folder should be) never fails the request: the failure
/// is counted in ``faults`` and logged with its errno and path.
public struct TaskLogStore: Sendable {
    /// The storage root.
    public let root: URL
    /// A task log stops growing at this size (one marker line is added); nil for no limit.
    public let maximumBytes: Int?
    /// Failures to write logs or remove job folders since start-up.
    public let faults: StorageFaultCounter
    private let queue: TaskLogQueue
    private let logger: Logger

    /// A store rooted at `root`; logs are capped at `maximumBytes` (nil: unlimited).
    public init(root: URL, maximumBytes: Int? = nil, logger: Logger = Logger(label: "tablao.task-logs")) {
        self.root = root
        self.maximumBytes = maximumBytes
        self.logger = logger
        self.faults = StorageFaultCounter()
        self.queue = TaskLogQueue()
    }

    /// The log's path relative to the storage root.
    public static func relativePath(job: JobID, task: TaskID) -> String {
        "\(Job.storagePath(for: job))/task-\(task.rawValue).txt"
    }

    /// The log's absolute path.
    public func url(job: JobID, task: TaskID) -> URL {
        root.appending(path: Self.relativePath(job: job, task: task))
    }

    /// Writes a committed transaction's lines in order; failures are counted and logged, never thrown. Lines of a
    /// job whose deletion has begun are dropped, so they never recreate its folder.
    public func write(_ entries: [TaskLogEntry]) async {
        guard !entries.isEmpty else { return }
        await queue.run {
            for entry in entries where !queue.isDeleting(entry.job) {
                do {
                    try append(entry.text, job: entry.job, task: entry.task)
                } catch let error as TaskLogError {
                    record(error, kind: .taskLogWrite)
                } catch {
                    record(
                        TaskLogError(operation: "write", path: url(job: entry.job, task: entry.task).path, code: EIO),
                        kind: .taskLogWrite)
                }
            }
        }
    }

    /// Appends text now, adding a final newline when missing; creates folders as needed. Stops at ``maximumBytes``:
    /// the whole lines that fit are kept, then one marker line, and later text is dropped.
    public func append(_ text: String, job: JobID, task: TaskID) throws {
        guard !text.isEmpty else { return }
        let path = url(job: job, task: task).path
        var bytes = Array(text.utf8)
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        var descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            try Self.makeFolder((path as NSString).deletingLastPathComponent)
            descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw TaskLogError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        if let maximumBytes {
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw TaskLogError(operation: "stat", path: path, code: errno) }
            bytes = TaskLogLimit(maximumBytes: maximumBytes).capped(bytes, currentSize: Int(status.st_size))
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw TaskLogError(operation: "write", path: path, code: errno)
            }
            offset += written
        }
    }

    /// Size of the log in bytes; nil when there is none.
    public func size(job: JobID, task: TaskID) -> Int? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url(job: job, task: task).path)
        return (attributes?[.size] as? NSNumber)?.intValue
    }

    /// The last `limit` bytes, dropping a partial first line (protocol.md §10.2 logtail).
    public func tail(job: JobID, task: TaskID, limit: Int = 2048) throws -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url(job: job, task: task)) else { return nil }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        let start = size > UInt64(limit) ? size - UInt64(limit) : 0
        try handle.seek(toOffset: start)
        var data = try handle.readToEnd() ?? Data()
        if start > 0, let newline = data.firstIndex(of: UInt8(ascii: "\n")), newline != data.index(before: data.endIndex) {
            data = data[data.index(after: newline)...]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// From now on, no log line of `job` is written (its deletion has begun).
    public func stopWriting(_ job: JobID) { queue.markDeleting(job) }

    /// Removes a job's whole storage folder (logs and previews) after every line queued before it was written; a
    /// failure is counted and logged, and answered false.
    @discardableResult
    public func removeJobFolder(_ job: JobID) async -> Bool {
        stopWriting(job)
        let folder = root.appending(path: Job.storagePath(for: job)).path
        return await queue.run { () -> Bool in
            do {
                try Self.removeTree(folder)
                return true
            } catch let error as TaskLogError {
                record(error, kind: .jobFolderRemoval)
            } catch {
                record(TaskLogError(operation: "remove", path: folder, code: EIO), kind: .jobFolderRemoval)
            }
            return false
        }
    }

    private func record(_ error: TaskLogError, kind: StorageFaultCounter.Kind) {
        faults.record(kind, error)
        let message =
            kind == .taskLogWrite
            ? "Cannot write a task log; the task goes on without these lines. Free space on, or make writable, "
                + "the storage folder."
            : "Cannot remove a deleted job's storage folder; remove it by hand."
        logger.error(
            "\(message)",
            metadata: [
                "path": "\(error.path)", "errno": "\(error.code)", "error": "\(error.reason)",
                "operation": "\(error.operation)",
            ])
    }

    /// `mkdir -p`, reporting the errno of the call that failed.
    static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, path != "/" else { throw TaskLogError(operation: "mkdir", path: path, code: errno) }
        try makeFolder((path as NSString).deletingLastPathComponent)
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw TaskLogError(operation: "mkdir", path: path, code: errno)
        }
    }

    /// `rm -r`; a folder that is not there is already removed.
    static func removeTree(_ path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return }
            throw TaskLogError(operation: "stat", path: path, code: errno)
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw TaskLogError(operation: "opendir", path: path, code: errno == 0 ? EIO : errno)
            }
            for name in names { try removeTree(path + "/" + name) }
            guard rmdir(path) == 0 || errno == ENOENT else {
                throw TaskLogError(operation: "rmdir", path: path, code: errno)
            }
        } else {
            guard unlink(path) == 0 || errno == ENOENT else {
                throw TaskLogError(operation: "unlink", path: path, code: errno)
            }
        }
    }

    /// `write(2)`, named apart from ``write(_:)``.
    private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, bytes, count)
        #else
            Darwin.write(descriptor, bytes, count)
        #endif
    }

    /// ISO 8601 UTC with milliseconds (`2026-11-29T21:20:03.123Z`), built from the database form without a formatter.
    static func noteTimestamp(_ date: Date) -> String {
        var text = Timestamp.string(from: date)
        text.replaceSubrange(text.index(text.startIndex, offsetBy: 10)...text.index(text.startIndex, offsetBy: 10), with: "T")
        return text + "Z"
    }
}
