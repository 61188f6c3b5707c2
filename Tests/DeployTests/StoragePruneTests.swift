import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing

/// `tablao storage prune`: after a restore, the job folders of jobs the restored database does not hold are listed
/// (`--dry-run`) and removed; the folders of its own jobs stay.
@Suite struct StoragePruneTests {
    @Test(.timeLimit(.minutes(3)))
    func prunesJobFoldersTheDatabaseDoesNotHold() async throws {
        let binary = try #require(TablaoBinary.locate(), "no tablao executable next to the test bundle")
        let work = FileManager.default.temporaryDirectory.appending(path: "tablao-prune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let database = work.appending(path: "tablao.sqlite")
        let storage = work.appending(path: "tablao-storage")
        try FileManager.default.createDirectory(at: storage, withIntermediateDirectories: true)

        // A Manager with one job; then a folder for it and one for a job the database does not know.
        let manager = try await RunningManager.start(
            binary: binary, database: database, storage: storage, log: work.appending(path: "serve.log"),
            client: HTTPClient.shared)
        let api = ManagerHTTP(client: HTTPClient.shared, baseURL: manager.baseURL)
        let submitted = try await api.send(
            .POST, "/api/v3/jobs",
            json: jsonBody([
                "name": "kept", "type": "echo-sleep-test", "priority": 50, "submitter_platform": "linux",
                "settings": ["message": "hi"],
            ]))
        #expect(submitted.status == 200, "\(submitted.text)")
        #expect(await manager.stop() == 0)
        let keptID = try #require(submitted.object?["id"] as? String)
        let goneID = UUID().uuidString.lowercased()
        func folder(_ id: String) -> URL { storage.appending(path: "job-\(id.prefix(4))/\(id)") }
        for id in [keptID, goneID] {
            try FileManager.default.createDirectory(at: folder(id), withIntermediateDirectories: true)
            try Data("log\n".utf8).write(to: folder(id).appending(path: "task-\(UUID().uuidString.lowercased()).txt"))
        }
        let arguments = ["storage", "prune", "--database", database.path, "--storage", storage.path]

        let dryRun = try await runCommand(binary, arguments + ["--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.output)")
        #expect(dryRun.output.contains("would remove  \(folder(goneID).path)  4 bytes"), "\(dryRun.output)")
        #expect(!dryRun.output.contains(keptID))
        #expect(FileManager.default.fileExists(atPath: folder(goneID).path))

        let prune = try await runCommand(binary, arguments)
        #expect(prune.status == 0, "\(prune.output)")
        #expect(prune.output.contains("removed 1 job folder(s)"), "\(prune.output)")
        #expect(!FileManager.default.fileExists(atPath: folder(goneID).path))
        #expect(FileManager.default.fileExists(atPath: folder(keptID).path))

        let missing = try await runCommand(binary, ["storage", "prune", "--database", work.appending(path: "no.sqlite").path,
                                                    "--storage", storage.path])
        #expect(missing.status == 64)
        #expect(missing.output.contains("no database at"), "\(missing.output)")
    }
}
