import Farm
import FarmModel
import Foundation
import HTTPTypes
import Imaging
import Storage
import Testing

/// Images for upload tests.
enum TestImages {
    /// A 64×48 gradient.
    static let gradient: RGBImage = {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(64 * 48 * 3)
        for y in 0..<48 {
            for x in 0..<64 { pixels += [UInt8(x * 4), UInt8(y * 5), 128] }
        }
        return RGBImage(width: 64, height: 48, pixels: pixels)
    }()

    static let png: [UInt8] = try! gradient.pngEncoded()
    static let jpeg: [UInt8] = try! gradient.jpegEncoded()

    /// 4000×3000 pixels: a few kilobytes as PNG, but slow enough to decode and shrink that uploads pile up.
    static let largePNG: [UInt8] = try! RGBImage(
        width: 4000, height: 3000, pixels: [UInt8](repeating: 90, count: 4000 * 3000 * 3)
    ).pngEncoded()
}

/// `POST /api/v3/worker/task/{task_id}/output-produced` (protocol.md §3.9; checklist item 30, §13 rows 8, 9, 30).
@Suite struct OutputProducedTests {
    private func assigned(_ farm: TestFarm, _ api: API) async throws -> (WorkerCredentials, SeededJob, String) {
        let job = try await farm.seedJob(tasks: Seed.tasks(2))
        let worker = try await api.awakeWorker()
        let task = try #require(try await api.takeTask(worker)["uuid"].stringValue)
        return (worker, job, task)
    }

    private func thumbnails(_ farm: TestFarm, _ job: JobID) -> [Bool] {
        LastRenderedPipeline.suffixes.map {
            FileManager.default.fileExists(atPath: farm.folder(of: job).appending(path: $0).path)
        }
    }

    @Test(arguments: [
        ("PNG", TestImages.png, "image/png"), ("JPEG", TestImages.jpeg, "image/jpeg"),
        ("PNG labelled JPEG", TestImages.png, "image/jpeg"), ("JPEG with parameters", TestImages.jpeg, "Image/JPEG; q=1"),
    ])
    func outputProducedAcceptsAnImageAndMakesThumbnails(_ label: String, _ bytes: [UInt8], _ contentType: String)
        async throws
    {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, job, task) = try await assigned(farm, api)
                #expect(LastRenderedPipeline.suffixes == ["last-rendered.jpg", "last-rendered-small.jpg", "last-rendered-tiny.jpg"])
                let touched = try await farm.task(task).lastTouched
                farm.clock.advance(seconds: 9)
                expectEmpty(try await api.upload(worker, task, bytes, contentType: contentType), .accepted)
                await farm.pipeline.waitUntilIdle()
                #expect(thumbnails(farm, job.id) == [true, true, true])
                #expect(try await farm.database.read { tx in try tx.lastRendered.latestJob() } == job.id)
                #expect(farm.pipeline.hasImages(job.id))
                #expect(try await farm.task(task).lastTouched == touched)
                #expect(try await farm.worker(worker).lastSeen == farm.clock.now)
            }
        }
    }

    @Test func latestUploadMakesItsJobTheGlobalLastRenderedJob() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let first = try await farm.seedJob(name: "first", tasks: Seed.tasks(1))
                let second = try await farm.seedJob(name: "second", tasks: Seed.tasks(1))
                let one = try await api.awakeWorker(name: "one")
                let two = try await api.awakeWorker(name: "two")
                #expect(try await api.takeTask(one)["uuid"] == .string(first.task(0).id.rawValue))
                #expect(try await api.takeTask(two)["uuid"] == .string(second.task(0).id.rawValue))
                expectEmpty(try await api.upload(one, first.task(0).id.rawValue, TestImages.png), .accepted)
                await farm.pipeline.waitUntilIdle()
                farm.clock.advance(seconds: 1)
                expectEmpty(try await api.upload(two, second.task(0).id.rawValue, TestImages.jpeg), .accepted)
                await farm.pipeline.waitUntilIdle()
                #expect(try await farm.database.read { tx in try tx.lastRendered.latestJob() } == second.id)
                #expect(thumbnails(farm, first.id) == [true, true, true])
            }
        }
    }

    @Test func outputProducedAnswers411WithoutContentLength() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, job, task) = try await assigned(farm, api)
                // The router test client adds Content-Length only when there is a body.
                try expectError(try await api.upload(worker, task, nil), .lengthRequired)
                await farm.pipeline.waitUntilIdle()
                #expect(thumbnails(farm, job.id) == [false, false, false])
            }
        }
    }

    @Test func outputProducedAnswers411ForAChunkedUploadOverRealHTTP() async throws {
        try await TestFarm.with { farm in
            try await farm.live { api, port in
                let (worker, job, task) = try await assigned(farm, api)
                let image = TestImages.png
                var request = Array(
                    """
                    POST /api/v3/worker/task/\(task)/output-produced HTTP/1.1\r
                    Host: localhost\r
                    Authorization: \(worker.authorization)\r
                    Content-Type: image/png\r
                    Transfer-Encoding: chunked\r
                    Connection: close\r
                    \r
                    \(String(image.count, radix: 16))\r

                    """.utf8)
                request += image
                request += Array("\r\n0\r\n\r\n".utf8)
                let answer = try await RawHTTP.exchange(port: port, request: request)
                #expect(RawHTTP.statusCode(of: answer) == 411, "answer: \(answer.prefix(300))")
                let body = try WireTestSupport.parse(RawHTTP.body(of: answer))
                #expect(body["code"] == .int(411))
                #expect(answer.lowercased().contains("content-type: application/json"))
                await farm.pipeline.waitUntilIdle()
                #expect(thumbnails(farm, job.id) == [false, false, false])
            }
        }
    }

    @Test func outputProducedAnswers413WhenContentLengthClaimsMoreThan25MiB() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                let reply = try await api.upload(worker, task, nil, headers: [.contentLength: "\(30 << 20)"])
                try expectError(reply, .contentTooLarge)
                let limit = try await api.upload(worker, task, nil, headers: [.contentLength: "\(25 << 20 + 1)"])
                try expectError(limit, .contentTooLarge)
            }
        }
    }

    @Test func outputProducedAnswers413ForABodyAbove25MiB() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, job, task) = try await assigned(farm, api)
                var bytes = TestImages.png
                bytes += [UInt8](repeating: 0, count: (25 << 20) + 1 - bytes.count)
                try expectError(try await api.upload(worker, task, bytes), .contentTooLarge)
                await farm.pipeline.waitUntilIdle()
                #expect(thumbnails(farm, job.id) == [false, false, false])
            }
        }
    }

    @Test(arguments: ["text/plain", "application/octet-stream", "image/gif", "image/webp"])
    func outputProducedAnswers415ForAnUnsupportedContentType(_ contentType: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                try expectError(try await api.upload(worker, task, TestImages.png, contentType: contentType), .unsupportedMediaType)
            }
        }
    }

    @Test func outputProducedAnswers415WithoutContentType() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                try expectError(try await api.upload(worker, task, TestImages.png, contentType: nil), .unsupportedMediaType)
            }
        }
    }

    @Test(arguments: ["image/png", "image/jpeg"])
    func outputProducedAnswers400ForAnEmptyBody(_ contentType: String) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, _, task) = try await assigned(farm, api)
                try expectError(try await api.upload(worker, task, [], contentType: contentType), .badRequest)
            }
        }
    }

    @Test func outputProducedAnswers400ForANonUUIDTaskID() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                try expectError(try await api.upload(worker, "frame-7", TestImages.png), .badRequest)
            }
        }
    }

    @Test func outputProducedAnswers404ForAnUnknownTask() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let worker = try await api.awakeWorker()
                try expectError(try await api.upload(worker, UUID().uuidString.lowercased(), TestImages.png), .notFound)
                await farm.pipeline.waitUntilIdle()
                #expect(try await farm.database.read { tx in try tx.lastRendered.latestJob() } == nil)
            }
        }
    }

    @Test func outputProducedAnswers409ForATaskOfAnotherWorkerOrNoWorker() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (_, job, task) = try await assigned(farm, api)
                let other = try await api.awakeWorker(name: "other")
                try expectError(try await api.upload(other, task, TestImages.png), .conflict)
                try expectError(try await api.upload(other, job.task(1).id.rawValue, TestImages.png), .conflict)
                await farm.pipeline.waitUntilIdle()
                #expect(thumbnails(farm, job.id) == [false, false, false])
            }
        }
    }

    @Test func outputProducedAnswers429WhenMoreThanThreeImagesArePending() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, job, task) = try await assigned(farm, api)
                let image = TestImages.largePNG
                let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                    for _ in 0..<8 { group.addTask { try await api.upload(worker, task, image) } }
                    return try await group.reduce(into: [Reply]()) { $0.append($1) }
                }
                let accepted = replies.filter { $0.status == .accepted }
                let refused = replies.filter { $0.status == .tooManyRequests }
                #expect(accepted.count + refused.count == 8, "\(replies.map(\.status))")
                #expect((3...4).contains(accepted.count), "\(replies.map(\.status))")
                for reply in accepted { expectEmpty(reply, .accepted) }
                for reply in refused { try expectError(reply, .tooManyRequests) }
                await farm.pipeline.waitUntilIdle()
                #expect(thumbnails(farm, job.id) == [true, true, true])
                // Once the queue drained, uploads are accepted again.
                expectEmpty(try await api.upload(worker, task, TestImages.png), .accepted)
            }
        }
    }

    @Test func pipelineAcceptsThreePendingImagesAndRefusesMore() async throws {
        try await TestFarm.with { farm in
            let job = try await farm.seedJob(tasks: Seed.tasks(1))
            let image = TestImages.largePNG
            // One image may already be in processing; at most three wait behind it.
            let results = (0..<6).map { _ in farm.pipeline.enqueue(image, job: job.id) }
            #expect(Array(results.prefix(3)) == [true, true, true])
            #expect(results.filter { $0 }.count <= LastRenderedPipeline.capacity + 1)
            // A refusal must come; which attempt gets it depends on how fast the thread drains on a loaded machine.
            #expect(results.contains(false))
            await farm.pipeline.waitUntilIdle()
            #expect(farm.pipeline.enqueue(TestImages.png, job: job.id))
        }
    }

    @Test(arguments: [
        ("text", Array("not an image".utf8), "image/png"),
        ("PNG signature only", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("junk".utf8), "image/png"),
        ("truncated PNG", Array(TestImages.png.prefix(60)), "image/png"),
        ("JPEG marker only", [0xFF, 0xD8, 0xFF] + Array("junk".utf8), "image/jpeg"),
    ])
    func undecodableImageIsAcceptedThenDroppedWithoutThumbnails(
        _ label: String, _ bytes: [UInt8], _ contentType: String
    ) async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let (worker, job, task) = try await assigned(farm, api)
                expectEmpty(try await api.upload(worker, task, bytes, contentType: contentType), .accepted)
                await farm.pipeline.waitUntilIdle()
                #expect(thumbnails(farm, job.id) == [false, false, false])
                #expect(try await farm.database.read { tx in try tx.lastRendered.latestJob() } == nil)
                // The pipeline keeps working.
                expectEmpty(try await api.upload(worker, task, TestImages.png), .accepted)
                await farm.pipeline.waitUntilIdle()
                #expect(thumbnails(farm, job.id) == [true, true, true])
            }
        }
    }
}
