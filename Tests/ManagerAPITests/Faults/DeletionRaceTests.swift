import Farm
import FarmModel
import Foundation
import HTTPTypes
import Storage
import Testing

/// A task update racing its job's deletion never recreates the job's folder (issue 12 item 10, deletion race).
@Suite struct DeletionRaceTests {
    @Test func anUpdateAfterTheDeletionRequestWritesNoFile() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(2))
                let worker = try await api.awakeWorker()
                let task = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                try FileManager.default.removeItem(at: farm.folder(of: job.id))
                // The state between the deletion's two steps: requested, rows still there (also what a crash leaves).
                let rowID = try await farm.job(job.id).rowID
                try await farm.database.write { tx in try tx.jobs.requestDeletion(rowID: rowID) }
                _ = try await api.update(worker, task, #"{"activity": "still rendering", "log": "a late line"}"#)
                _ = try await api.requestTask(worker)
                #expect(!FileManager.default.fileExists(atPath: farm.folder(of: job.id).path))
                expectEmpty(try await api.send(.delete, "\(API.jobs)/\(job.id.rawValue)"), .noContent)
                _ = try await api.update(worker, task, #"{"log": "a line after the deletion"}"#)
                #expect(!FileManager.default.fileExists(atPath: farm.folder(of: job.id).path))
            }
        }
    }

    @Test func updatesRacingADeletionLeaveNoFolderBehind() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                for round in 0..<5 {
                    let job = try await farm.seedJob(name: "race-\(round)", tasks: Seed.tasks(1))
                    let worker = try await api.awakeWorker(name: "racer-\(round)")
                    let task = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                    await withTaskGroup(of: Void.self) { group in
                        for line in 0..<40 {
                            group.addTask { _ = try? await api.update(worker, task, #"{"log": "line \#(line)"}"#) }
                        }
                        group.addTask { _ = try? await api.send(.delete, "\(API.jobs)/\(job.id.rawValue)") }
                    }
                    try expectError(try await api.send(.get, "\(API.jobs)/\(job.id.rawValue)"), .notFound)
                    #expect(!FileManager.default.fileExists(atPath: farm.folder(of: job.id).path), "round \(round)")
                }
            }
        }
    }
}
