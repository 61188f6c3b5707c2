import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Foundation
import Testing

/// `GET /health` (the container's HEALTHCHECK) answers 200 only while the Manager can write; `/api/v3/version`
/// answers even when every write would fail, so it cannot be the health signal.
@Suite struct HealthCheckTests {
    @Test(.enabled(if: immutableFlagWorks, "chattr +i does not work here, and root ignores mode bits"))
    func healthTurns503NamingTheStorageFolderWhenItCannotBeWritten() async throws {
        let binary = try #require(
            TablaoBinary.locate(), "no tablao executable next to the test bundle; run swift build --product tablao first")
        let folder = try temporaryFolder("health")
        let storage = folder.appending(path: "storage")
        defer {
            setImmutable(storage, false)
            try? FileManager.default.removeItem(at: folder)
        }
        let manager = try await RunningManager.start(
            binary: binary, database: folder.appending(path: "tablao.sqlite"), storage: storage,
            log: folder.appending(path: "serve.log"), client: HTTPClient.shared)
        let api = ManagerHTTP(client: HTTPClient.shared, baseURL: manager.baseURL)

        let healthy = try await api.send(.GET, "/health")
        #expect(healthy.status == 200, "\(healthy.text)")
        #expect(healthy.object?["database"] as? String == "writable")
        #expect(healthy.object?["storage"] as? String == "writable")

        #expect(setImmutable(storage, true))
        let unhealthy = try await api.send(.GET, "/health")
        #expect(unhealthy.status == 503, "\(unhealthy.text)")
        #expect(unhealthy.object?["code"] as? Int == 503)
        let message = unhealthy.object?["message"] as? String ?? ""
        #expect(message.contains("the storage folder \(storage.path) is not writable"), "\(message)")
        #expect(try await api.send(.GET, "/api/v3/version").status == 200)

        #expect(setImmutable(storage, false))
        #expect(try await api.send(.GET, "/health").status == 200)
        #expect(await manager.stop() == 0, "\(manager.logTail)")
    }

    @Test(.enabled(if: immutableFlagWorks, "chattr +i does not work here, and root ignores mode bits"))
    func healthTurns503NamingTheDatabaseWhenItCannotBeWritten() async throws {
        let binary = try #require(
            TablaoBinary.locate(), "no tablao executable next to the test bundle; run swift build --product tablao first")
        let folder = try temporaryFolder("health-db")
        let database = folder.appending(path: "tablao.sqlite")
        let wal = URL(fileURLWithPath: database.path + "-wal")
        defer {
            setImmutable(wal, false)
            try? FileManager.default.removeItem(at: folder)
        }
        let manager = try await RunningManager.start(
            binary: binary, database: database, storage: folder.appending(path: "storage"),
            log: folder.appending(path: "serve.log"), client: HTTPClient.shared)
        let api = ManagerHTTP(client: HTTPClient.shared, baseURL: manager.baseURL)
        #expect(try await api.send(.GET, "/health").status == 200)

        // Commits go to the -wal file first: once it cannot be written, no write can succeed.
        try #require(FileManager.default.fileExists(atPath: wal.path), "the running Manager has no -wal file")
        #expect(setImmutable(wal, true))
        let unhealthy = try await api.send(.GET, "/health")
        #expect(unhealthy.status == 503, "\(unhealthy.text)")
        let message = unhealthy.object?["message"] as? String ?? ""
        #expect(message.contains("the database \(database.path) cannot be written"), "\(message)")
        #expect(try await api.send(.GET, "/api/v3/version").status == 200)

        #expect(setImmutable(wal, false))
        #expect(try await api.send(.GET, "/health").status == 200)
        #expect(await manager.stop() == 0, "\(manager.logTail)")
    }
}
