import Farm
import FarmModel
import Foundation
import Storage
import Testing

/// The authenticator keeps verified credentials in memory, checks secrets against them, forgets deleted workers,
/// and answers liveness from the database.
@Suite struct WorkerAuthenticatorTests {
    @Test func cachedCredentialsStillCheckTheSecret() async throws {
        try await FarmFixture.with { farm in
            let worker = try await farm.registeredWorker("w1")
            let authenticator = WorkerAuthenticator(database: farm.database)
            #expect(try await authenticator.authenticate(workerID: worker.id.rawValue, secret: "secret") == worker)
            #expect(try await authenticator.authenticate(workerID: worker.id.rawValue, secret: "secret") == worker)
            #expect(try await authenticator.authenticate(workerID: worker.id.rawValue, secret: "secreT") == nil)
            #expect(try await authenticator.authenticate(workerID: worker.id.rawValue, secret: "") == nil)
            #expect(try await authenticator.authenticate(workerID: WorkerID.random().rawValue, secret: "secret") == nil)
        }
    }

    @Test func aWorkerDeletedBehindTheCacheIsNotLiveAndForgettingItRefusesIt() async throws {
        try await FarmFixture.with { farm in
            let worker = try await farm.registeredWorker("w1")
            let authenticator = WorkerAuthenticator(database: farm.database)
            #expect(try await authenticator.authenticate(workerID: worker.id.rawValue, secret: "secret") == worker)
            #expect(try await authenticator.isLive(worker))
            // Deleted by another process: the cache still knows the secret (use cases refuse the worker), and
            // `isLive` reads the truth.
            try await farm.database.write { tx in try tx.workers.softDelete(rowID: worker.rowID) }
            #expect(try await authenticator.authenticate(workerID: worker.id.rawValue, secret: "secret") == worker)
            #expect(try await authenticator.isLive(worker) == false)
            // Deleted through the Manager: forgotten, and the database no longer yields the credentials.
            authenticator.forget(worker.id)
            #expect(try await authenticator.authenticate(workerID: worker.id.rawValue, secret: "secret") == nil)
        }
    }

    @Test func aRefusedUseCaseAnswersAccessDeniedForADeletedWorker() async throws {
        try await FarmFixture.with { farm in
            let worker = try await farm.awakeWorker("w1")
            try await farm.database.write { tx in try tx.workers.softDelete(rowID: worker.rowID) }
            await #expect(throws: FarmError.self) { _ = try await TaskScheduler(context: farm.context).scheduleTask(for: worker) }
            await #expect(throws: FarmError.self) { _ = try await WorkerLifecycle(context: farm.context).pendingStatusChange(worker) }
        }
    }
}
