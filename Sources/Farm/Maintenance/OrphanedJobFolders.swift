import FarmModel
import Foundation
import Storage

/// Job folders in the storage root (`job-<4>/<job ID>/`: task logs, last-rendered previews) whose job is not in the
/// database — left behind when a backup older than those jobs was restored. Found, and removed on request.
public struct OrphanedJobFolders: Sendable {
    /// One folder without a job.
    public struct Folder: Sendable, Equatable {
        /// The job ID the folder is named after.
        public let jobID: String
        /// Its location.
        public let url: URL
        /// Bytes in its files.
        public let size: Int64
    }

    let database: FarmDatabase
    let storageRoot: URL

    /// Looks at `storageRoot` against the jobs in `database`.
    public init(database: FarmDatabase, storageRoot: URL) {
        self.database = database
        self.storageRoot = storageRoot
    }

    /// The job folders whose job the database does not hold, by path. The folders are listed before the jobs are
    /// read, so a job submitted meanwhile (its row is always written before its folder) is never taken for one.
    public func find() async throws -> [Folder] {
        let candidates = try jobFolders()
        let known = try await database.read { tx in Set(try tx.jobs.list().map(\.id.rawValue)) }
        return candidates.filter { !known.contains($0.jobID) }.map {
            Folder(jobID: $0.jobID, url: $0.url, size: Self.size(of: $0.url))
        }
    }

    /// Removes `folders`, and their `job-<4>` parent when it is left empty.
    public func remove(_ folders: [Folder]) throws {
        let files = FileManager.default
        for folder in folders {
            try files.removeItem(at: folder.url)
            let parent = folder.url.deletingLastPathComponent()
            if (try? files.contentsOfDirectory(atPath: parent.path))?.isEmpty == true { try? files.removeItem(at: parent) }
        }
    }

    /// Every `job-<4>/<job ID>` folder, whose name is a job ID starting with those four characters.
    private func jobFolders() throws -> [(jobID: String, url: URL)] {
        let files = FileManager.default
        var found: [(jobID: String, url: URL)] = []
        for group in try files.contentsOfDirectory(atPath: storageRoot.path).sorted() where group.hasPrefix("job-") {
            let groupURL = storageRoot.appending(path: group)
            guard let names = try? files.contentsOfDirectory(atPath: groupURL.path) else { continue }
            for name in names.sorted() {
                guard let id = JobID(validating: name), Job.storagePath(for: id) == "\(group)/\(name)" else { continue }
                var isDirectory: ObjCBool = false
                let url = groupURL.appending(path: name)
                if files.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                    found.append((name, url))
                }
            }
        }
        return found
    }

    private static func size(of folder: URL) -> Int64 {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey]) else {
            return 0
        }
        var total: Int64 = 0
        for case let file as URL in walker {
            total += Int64((try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
        }
        return total
    }
}
