import Foundation
import Yams

/// `tablao-worker-credentials.yaml`: read leniently, written atomically with mode 0600 (worker-agent.md §1.3).
public struct CredentialsFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The stored credentials; `nil` when the file is missing or unparsable.
    public func read() -> WorkerCredentials? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let fields = (try? Yams.load(yaml: text)) as? [String: Any],
            let id = fields["worker_id"] as? String, let secret = fields["worker_secret"] as? String,
            !id.isEmpty, !secret.isEmpty
        else { return nil }
        return WorkerCredentials(workerID: id, secret: secret)
    }

    /// Writes a `~` temporary file with mode 0600, then renames it over the real one.
    public func write(_ credentials: WorkerCredentials) throws {
        let text = """
            # Credentials of this Tablao worker at its Manager.
            # Delete this file to make the worker register anew.
            worker_id: "\(credentials.workerID)"
            worker_secret: "\(credentials.secret)"

            """
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let temporary = path + "~"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw WorkerError.io("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
            try handle.close()
        } catch {
            throw WorkerError.io("cannot write \(temporary): \(error)")
        }
        guard rename(temporary, path) == 0 else {
            throw WorkerError.io("cannot rename \(temporary): \(String(cString: strerror(errno)))")
        }
    }
}
