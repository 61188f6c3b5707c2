import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Foundation
import ProcessSpawning
import Storage
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `tablao serve` refuses to start, with a non-zero exit and a message naming the thing and what to do, when it
/// could not serve properly: its address is taken, its database or folders cannot be written, its database path
/// names a folder that does not exist, or another Manager already serves the database. Each refusal happens before
/// a database is created or migrated.
@Suite struct StartupRefusalTests {
    let binary: URL

    init() throws {
        binary = try #require(
            TablaoBinary.locate(), "no tablao executable next to the test bundle; run swift build --product tablao first")
    }

    /// A database file with the current schema, created through Storage.
    private func existingDatabase(in folder: URL) async throws -> URL {
        let path = folder.appending(path: "tablao.sqlite")
        let database = try FarmDatabase.open(DatabaseOptions(path: path.path))
        await database.close()
        return path
    }

    private func serve(_ arguments: [String], in folder: URL) async throws -> ServeAttempt {
        try await ServeAttempt.run(binary: binary, arguments, log: folder.appending(path: "serve.log"))
    }

    @Test func anAddressInUseExitsNonZeroNamingItBeforeCreatingTheDatabase() async throws {
        let folder = try temporaryFolder("port-in-use")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (port, listener) = try await heldLoopbackPort()
        defer { listener.close(promise: nil) }
        let database = folder.appending(path: "tablao.sqlite")

        let attempt = try await serve(
            ["--listen", "127.0.0.1:\(port)", "--database", database.path, "--storage", folder.appending(path: "s").path],
            in: folder)
        #expect(attempt.status != nil && attempt.status != 0, "exit status \(String(describing: attempt.status))")
        #expect(attempt.output.contains("127.0.0.1:\(port) is already in use"), "\(attempt.output)")
        #expect(!FileManager.default.fileExists(atPath: database.path), "the database was created before the bind")
    }

    @Test func aReadOnlyDatabaseFileIsRefusedNamingIt() async throws {
        let folder = try temporaryFolder("read-only-db")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try await existingDatabase(in: folder)
        #expect(chmod(database.path, 0o444) == 0)

        let attempt = try await serve(
            ["--listen", "127.0.0.1:\(try await freeLoopbackPort())", "--database", database.path,
             "--storage", folder.appending(path: "storage").path],
            in: folder)
        #expect(attempt.status != nil && attempt.status != 0, "exit status \(String(describing: attempt.status))")
        #expect(attempt.output.contains("the database file \(database.path) is read-only (mode 0444)"), "\(attempt.output)")
    }

    @Test(.enabled(if: immutableFlagWorks, "chattr +i does not work here, and root ignores mode bits"))
    func aDatabaseFolderThatCannotBeWrittenIsRefusedNamingIt() async throws {
        let folder = try temporaryFolder("read-only-folder")
        let databaseFolder = folder.appending(path: "db")
        try FileManager.default.createDirectory(at: databaseFolder, withIntermediateDirectories: true)
        let database = try await existingDatabase(in: databaseFolder)
        #expect(setImmutable(databaseFolder, true))
        defer {
            setImmutable(databaseFolder, false)
            try? FileManager.default.removeItem(at: folder)
        }

        let attempt = try await serve(
            ["--listen", "127.0.0.1:\(try await freeLoopbackPort())", "--database", database.path,
             "--storage", folder.appending(path: "storage").path],
            in: folder)
        #expect(attempt.status != nil && attempt.status != 0, "exit status \(String(describing: attempt.status))")
        #expect(
            attempt.output.contains("the database's folder \(databaseFolder.path) is not writable"), "\(attempt.output)")
        #expect(attempt.output.contains("-wal and -shm"), "\(attempt.output)")
    }

    @Test(.enabled(if: immutableFlagWorks, "chattr +i does not work here, and root ignores mode bits"))
    func aStorageFolderThatCannotBeWrittenIsRefusedNamingIt() async throws {
        let folder = try temporaryFolder("read-only-storage")
        let storage = folder.appending(path: "storage")
        try FileManager.default.createDirectory(at: storage, withIntermediateDirectories: true)
        #expect(setImmutable(storage, true))
        defer {
            setImmutable(storage, false)
            try? FileManager.default.removeItem(at: folder)
        }
        let database = folder.appending(path: "tablao.sqlite")

        let attempt = try await serve(
            ["--listen", "127.0.0.1:\(try await freeLoopbackPort())", "--database", database.path,
             "--storage", storage.path],
            in: folder)
        #expect(attempt.status != nil && attempt.status != 0, "exit status \(String(describing: attempt.status))")
        #expect(attempt.output.contains("the storage folder \(storage.path) is not writable"), "\(attempt.output)")
        #expect(!FileManager.default.fileExists(atPath: database.path), "the database was created anyway")
    }

    @Test func aDatabasePathInAMissingFolderIsRefusedUnlessCreatingDirectoriesIsAllowed() async throws {
        let folder = try temporaryFolder("missing-folder")
        defer { try? FileManager.default.removeItem(at: folder) }
        let mistyped = folder.appending(path: "farms/studio/tablao.sqlite")

        let refused = try await serve(
            ["--listen", "127.0.0.1:\(try await freeLoopbackPort())", "--database", mistyped.path,
             "--storage", folder.appending(path: "storage").path],
            in: folder)
        #expect(refused.status != nil && refused.status != 0, "exit status \(String(describing: refused.status))")
        #expect(
            refused.output.contains("the database's folder \(folder.appending(path: "farms/studio").path) does not exist"),
            "\(refused.output)")
        #expect(refused.output.contains("--create-directories"), "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "farms").path))

        // Allowed: the folders and a new database are created and the Manager serves.
        let manager = try await RunningManager.start(
            binary: binary, database: mistyped, storage: folder.appending(path: "storage"),
            log: folder.appending(path: "allowed.log"), client: HTTPClient.shared, extraArguments: ["--create-directories"])
        #expect(await manager.stop() == 0, "\(manager.logTail)")
        #expect(FileManager.default.fileExists(atPath: mistyped.path))
    }

    @Test func aSecondManagerOnTheSameDatabaseIsRefusedNamingTheFirst() async throws {
        let folder = try temporaryFolder("second-manager")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "tablao.sqlite")
        let first = try await RunningManager.start(
            binary: binary, database: database, storage: folder.appending(path: "storage"),
            log: folder.appending(path: "first.log"), client: HTTPClient.shared)

        let second = try await serve(
            ["--listen", "127.0.0.1:\(try await freeLoopbackPort())", "--database", database.path,
             "--storage", folder.appending(path: "storage").path],
            in: folder)
        let firstStillAnswers = try await ManagerHTTP(client: HTTPClient.shared, baseURL: first.baseURL)
            .send(.GET, "/api/v3/version").status
        let firstStatus = await first.stop()

        #expect(second.status != nil && second.status != 0, "exit status \(String(describing: second.status))")
        #expect(
            second.output.contains(
                "\(database.path) is already served by another Tablao Manager (PID \(first.process.processIdentifier)"),
            "\(second.output)")
        #expect(firstStillAnswers == 200)
        #expect(firstStatus == 0, "\(first.logTail)")
    }
}
