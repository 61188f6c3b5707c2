import Foundation
import Testing

/// Checks both end-to-end scenarios make once their jobs are done.
enum FarmChecks {
    /// Every frame of `frames` is a PNG where Blender would have saved it, and the preview video exists.
    static func expectRenderedOutput(of job: Wire.Job, frames: ClosedRange<Int>, submittedFrames: String) throws {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        for frame in frames {
            let path = try JobSubmissions.framePath(frame, job: job).path
            let bytes = FileManager.default.contents(atPath: path).map { Array($0) } ?? []
            #expect(bytes.starts(with: signature), "frame \(frame) is not a PNG at \(path)")
        }
        let video = try JobSubmissions.outputFolder(of: job).appending(path: "scene-\(submittedFrames).mp4").path
        #expect(FileManager.default.fileExists(atPath: video), "no preview video at \(video)")
    }

    /// The job has a last-rendered image (protocol.md §3.9, §10.2) and the Manager serves its three JPEG sizes.
    static func expectLastRendered(of job: Wire.Job, farm: EndToEndFarm) async throws {
        // Thumbnails are made after the upload was answered: wait for them.
        let info = try await farm.waitFor("a last-rendered image of \(job.name)", within: .seconds(30)) {
            () async throws -> Poll<Wire.LastRenderedInfo> in
            if let info = try await farm.api.lastRendered(ofJob: job.id) { return .done(info) }
            return .waiting("GET /api/v3/jobs/\(job.id)/last-rendered answers 204")
        }
        #expect(info.base.hasSuffix(job.id))
        #expect(info.suffixes == ["last-rendered.jpg", "last-rendered-small.jpg", "last-rendered-tiny.jpg"])
        for suffix in info.suffixes {
            let image = try await farm.api.get(info.base + "/" + suffix)
            #expect(image.status == 200, "\(info.base)/\(suffix) answered \(image.status)")
            #expect(Array(image.body.prefix(3)) == [0xFF, 0xD8, 0xFF], "\(suffix) is not a JPEG")
        }
    }

    /// Each worker still running signed off and exited with 1 (stopped by a signal, worker-agent.md §1.8), and
    /// the Manager shut down cleanly with 0.
    static func expectGracefulShutdown(_ shutdown: EndToEndFarm.Shutdown, killedWorker: String? = nil) {
        for (name, exit) in shutdown.workers where name != killedWorker {
            #expect(exit == ChildProcess.Exit(status: 1, bySignal: false), "\(name): \(String(describing: exit))")
        }
        #expect(
            shutdown.manager == ChildProcess.Exit(status: 0, bySignal: false),
            "manager: \(String(describing: shutdown.manager))")
    }

    /// The database is intact and tells the same story as the API: all done, counters right.
    static func expectSoundDatabase(_ audit: DatabaseAudit) {
        #expect(audit.integrity == ["ok"])
        #expect(audit.unfinishedJobs.isEmpty)
        #expect(audit.unfinishedTasks.isEmpty)
        #expect(audit.counterMismatches.isEmpty)
    }
}
