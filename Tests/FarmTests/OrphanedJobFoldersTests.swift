import Farm
import FarmModel
import Foundation
import Storage
import Testing

/// After restoring a backup, job folders of jobs newer than the backup stay in the storage folder; they are found
/// against the real database and removed, and nothing of a job the database holds is touched.
@Suite struct OrphanedJobFoldersTests {
    @Test func findsAndRemovesOnlyFoldersWithoutAJob() async throws {
        try await FarmFixture.with { farm in
            let kept = try await farm.seedJob("kept", count: 1).job
            let keptFolder = farm.jobFolder(kept.id)
            let newer = JobID.random()  // a job of the farm after the backup's moment
            let newerFolder = farm.jobFolder(newer)
            let files = FileManager.default
            for folder in [keptFolder, newerFolder] {
                try files.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data("log line\n".utf8).write(to: folder.appending(path: "task-\(UUID().uuidString.lowercased()).txt"))
            }
            try Data(repeating: 7, count: 100).write(to: newerFolder.appending(path: "last-rendered.jpg"))
            // Not job folders: left alone whatever their name.
            let root = farm.context.settings.storageRoot
            try files.createDirectory(at: root.appending(path: "job-zzzz/not-a-job-id"), withIntermediateDirectories: true)
            try files.createDirectory(at: root.appending(path: "other"), withIntermediateDirectories: true)

            let pruner = OrphanedJobFolders(database: farm.database, storageRoot: root)
            let found = try await pruner.find()
            #expect(found.map(\.jobID) == [newer.rawValue])
            #expect(found.first?.url.standardizedFileURL == newerFolder.standardizedFileURL)
            #expect(found.first?.size == 109)

            try pruner.remove(found)
            #expect(!files.fileExists(atPath: newerFolder.path))
            #expect(!files.fileExists(atPath: newerFolder.deletingLastPathComponent().path) || newer.rawValue.prefix(4) == kept.id.rawValue.prefix(4))
            #expect(files.fileExists(atPath: keptFolder.path))
            #expect(files.fileExists(atPath: root.appending(path: "job-zzzz/not-a-job-id").path))
            #expect(files.fileExists(atPath: root.appending(path: "other").path))
            #expect(try await pruner.find().isEmpty)
        }
    }
}
