import Farm
import FarmModel
import Foundation
import HTTPTypes
import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `/job-files/` streams from disk instead of reading whole files, and a task log stops at its size cap (issue 12
/// item 5).
@Suite struct LargeFileTests {
    /// The peak resident memory of this process, in bytes.
    private static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }

    @Test(.timeLimit(.minutes(2)))
    func aLargeLogIsStreamedWithoutBeingReadIntoMemory() async throws {
        try await TestFarm.with { farm in
            let job = try await farm.seedJob(tasks: Seed.tasks(1))
            let task = job.task(0)
            let url = farm.storageRoot.appending(path: TaskLogStore.relativePath(job: job.id, task: task.id))
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // 768 MiB, sparse: it takes no disk, but reading it whole would take 768 MiB of memory (twice, copied).
            let size = 768 << 20
            let created = FileManager.default.createFile(atPath: url.path, contents: Data("first line\n".utf8))
            #expect(created)
            #expect(truncate(url.path, off_t(size)) == 0)
            let before = Self.peakResidentBytes()
            let (status, length, received) = try await RawConnection.run(farm: farm) { connection in
                try connection.send(
                    "GET /job-files/\(TaskLogStore.relativePath(job: job.id, task: task.id)) HTTP/1.1\r\nHost: x\r\n\r\n")
                return try connection.readResponseDiscardingBody()
            }
            let grown = Self.peakResidentBytes() - before
            #expect(status == 200)
            #expect(length == size)
            #expect(received == size)
            #expect(grown < 256 << 20, "peak memory grew by \(grown >> 20) MiB serving a \(size >> 20) MiB file")
        }
    }

    /// A guard for the streaming path (which opens files itself); the old whole-file read also answered 404 here.
    @Test(.timeLimit(.minutes(1)))
    func aFIFOUnderTheStorageFolderIsNotFoundInsteadOfHanging() async throws {
        try await TestFarm.with { farm in
            #expect(mkfifo(farm.storageRoot.appending(path: "pipe.txt").path, 0o644) == 0)
            _ = try await farm.live { api, _ in
                try expectError(try await api.send(.get, "/job-files/pipe.txt"), .notFound)
            }
        }
    }

    @Test func aTaskLogStopsAtItsCapWithOneMarkerLineAndKeepsItsOldestLines() async throws {
        try await TestFarm.with(taskLogMaximumBytes: 4096) { farm in
            try await farm.router { api in
                let job = try await farm.seedJob(tasks: Seed.tasks(1))
                let worker = try await api.awakeWorker()
                let task = try #require(try await api.takeTask(worker)["uuid"].stringValue)
                for batch in 0..<40 {
                    let lines = (0..<10).map { "batch \(batch) line \($0) " + String(repeating: "x", count: 40) }
                    let body = JSONValue.object(["log": .string(lines.joined(separator: "\n"))]).jsonText()
                    expectEmpty(try await api.update(worker, task, body), .noContent)
                }
                try await api.report(worker, task, "completed", log: "the very last line")
                let log = farm.log(of: job.task(0))
                let marker = "this task log reached its size limit of 4096 bytes"
                #expect(log.utf8.count <= 4096 + 200, "the log is \(log.utf8.count) bytes")
                #expect(log.components(separatedBy: marker).count - 1 == 1)
                #expect(log.contains("task assigned to worker"))
                #expect(log.contains("batch 0 line 0 "))
                #expect(!log.contains("batch 39"))
                #expect(!log.contains("the very last line"))
                // Whole lines only: everything before the marker ends with a newline.
                let beforeMarker = try #require(log.components(separatedBy: "Tablao: " + marker).first)
                #expect(beforeMarker.hasSuffix("\n"))
                #expect(try await farm.task(job.task(0).id).status == .completed)
            }
        }
    }
}
