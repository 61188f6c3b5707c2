import FarmModel
import Storage
import Foundation

/// Task log files under the storage root: `job-<4>/<job ID>/task-<task ID>.txt` (protocol.md §10.2).
///
/// Appends use `O_APPEND` writes; once `write(2)` returns, the text is in the kernel and survives a SIGKILL of
/// the Manager, so an update answered 204 keeps its log.
public struct TaskLogStore: Sendable {
    /// The storage root.
    public let root: URL

    /// A store rooted at `root`.
    public init(root: URL) { self.root = root }

    /// The log's path relative to the storage root.
    public static func relativePath(job: JobID, task: TaskID) -> String {
        "\(Job.storagePath(for: job))/task-\(task.rawValue).txt"
    }

    /// The log's absolute path.
    public func url(job: JobID, task: TaskID) -> URL {
        root.appending(path: Self.relativePath(job: job, task: task))
    }

    /// Appends text, adding a final newline when missing; creates folders as needed.
    public func append(_ text: String, job: JobID, task: TaskID) throws {
        guard !text.isEmpty else { return }
        let url = url(job: job, task: task)
        var bytes = Array(text.utf8)
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        var descriptor = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            descriptor = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
            offset += written
        }
    }

    /// Appends a line prefixed with a UTC timestamp, as Manager-written log lines are.
    public func appendNote(_ note: String, at date: Date, job: JobID, task: TaskID) throws {
        try append("\(Self.noteTimestamp(date)) \(note)", job: job, task: task)
    }

    /// Appends several timestamped lines with one write (one open of the file instead of one per line).
    public func appendNotes(_ notes: [String], at date: Date, job: JobID, task: TaskID) throws {
        let stamp = Self.noteTimestamp(date)
        try append(notes.map { "\(stamp) \($0)" }.joined(separator: "\n"), job: job, task: task)
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

    /// Removes a job's whole storage folder (logs and previews).
    public func removeJobFolder(_ job: JobID) throws {
        let folder = root.appending(path: Job.storagePath(for: job))
        if FileManager.default.fileExists(atPath: folder.path) { try FileManager.default.removeItem(at: folder) }
    }

    /// ISO 8601 UTC with milliseconds (`2026-11-29T21:20:03.123Z`), built from the database form without a formatter.
    static func noteTimestamp(_ date: Date) -> String {
        var text = Timestamp.string(from: date)
        text.replaceSubrange(text.index(text.startIndex, offsetBy: 10)...text.index(text.startIndex, offsetBy: 10), with: "T")
        return text + "Z"
    }
}
