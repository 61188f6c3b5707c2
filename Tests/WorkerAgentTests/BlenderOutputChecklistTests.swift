import FarmModel
import Foundation
import Imaging
import Testing
import WorkerAgent

/// worker-agent.md §8.1 items 25 and 26: steps and uploads from a fake Blender printing realistic Blender 4.x/5.x
/// output (worker-agent.md §3.5.2, §5).
@Suite(.serialized) struct BlenderOutputChecklistTests {
    /// A `blender-render` command running `exe` on a made-up blend file.
    private static func render(_ exe: String, steps: Int) -> CompiledCommand {
        Checklist.command(
            "blender-render",
            ["exe": .string(exe), "exeArgs": .string("-b -y"), "blendfile": .string("/s/scene.blend"),
             "args": .array([.string("--render-frame"), .string("1..3")])],
            steps: steps)
    }

    /// One frame of Blender 4.x output: per-sample progress lines (not frames), then `Saved:` and the frame's
    /// ` Time:` line, which Blender 3.x and 4.x indent by one space.
    private static func blender4Frame(_ frame: Int, saved path: String) -> String {
        """
        Fra:\(frame) Mem:35.17M (Peak 35.83M) | Time:00:00.50 | Mem:0.00M, Peak:0.00M | Scene, ViewLayer | Synchronizing object | Cube
        Fra:\(frame) Mem:60.01M (Peak 60.01M) | Time:00:00.95 | Remaining:00:00.43 | Mem:24.13M, Peak:24.13M | Scene, ViewLayer | Sample 16/64
        Fra:\(frame) Mem:60.01M (Peak 60.01M) | Time: 00:01.02 | Mem:24.13M, Peak:24.13M | Scene, ViewLayer | Finished
        Saved: '\(path)'
         Time: 00:00.10 (Saving: 00:00.01)

        """
    }

    /// One frame of Blender 3.x output (EEVEE and Cycles print alike): progress lines with `Time:` glued to the
    /// clock, `Saved:`, then the indented ` Time:` line that ends the frame.
    private static func blender3Frame(_ frame: Int, saved path: String) -> String {
        """
        Fra:\(frame) Mem:12.45M (Peak 12.91M) | Time:00:00.06 | Syncing Cube
        Fra:\(frame) Mem:12.50M (Peak 12.91M) | Time:00:00.07 | Rendering 1 / 16 samples
        Fra:\(frame) Mem:12.50M (Peak 12.91M) | Time:00:00.21 | Rendering 16 / 16 samples
        Saved: '\(path)'
         Time: 00:00.43 (Saving: 00:00.01)

        """
    }

    /// `cat` of a quoted here-document: prints `text` verbatim.
    private static func printing(_ text: String) -> String { "cat <<'BLENDER_OUTPUT'\n\(text)\nBLENDER_OUTPUT" }

    /// Item 25: `Time:` at the line start counts a frame (three frames → steps 1, 2, 3 and nothing at the end for a
    /// count-3 command); `Fra:… | Time:…` progress lines and prefixed `Time:` do not count; Blender 5's
    /// `render | Time:` and both spellings of `Skipping existing frame` do, and a count-0 command adds its final step.
    @Test func blenderOutputDrivesTheSteps() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let frames = (1...3).map { Self.blender4Frame($0, saved: "/tmp/tablao-none/\($0).exr") }.joined()
            let blender4 = try Checklist.script(Self.printing("""
                Blender 4.2.3 LTS (hash 2a4b6e5c0a2c built 2024-10-15 01:24:31)
                Read blend: "/s/scene.blend"
                \(frames)Info: Time: 00:01.00
                Remaining Time: 00:01

                Blender quit
                """), in: farm.folder, named: "blender-4")
            let blender5 = try Checklist.script(Self.printing("""
                00:00.012  blend      | Read blend: "/s/scene.blend"
                00:00.300  render     | Fra:2 Mem:60.01M (Peak 60.01M) | Time:00:00.30 | Sample 1/64
                Skipping existing frame "/r/0001.png"
                00:00.4  render   | Time: 00:01.06
                skipping existing frame "/r/0003.png"
                Time: 00:00.10
                """), in: farm.folder, named: "blender-5")
            let three = try await Checklist.seed(farm, "render-1-3", type: "blender", [Self.render(blender4, steps: 3)])
            let zero = try await Checklist.seed(farm, "count-0", type: "blender", [Self.render(blender5, steps: 0)])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await Checklist.finalStatus(of: three.job, in: farm) == .completed)
            #expect(try await Checklist.finalStatus(of: zero.job, in: farm) == .completed)

            let threeUpdates = recorder.updates(of: three.taskID)
            #expect(threeUpdates.compactMap(\.steps) == [1, 2, 3])
            let steps = threeUpdates.filter { $0.steps != nil }
            #expect(steps.allSatisfy { $0.activity == "Progress" && $0.taskStatus == nil })
            #expect(threeUpdates.last == .completed)
            #expect(try await farm.tasks(of: three.job).first?.stepsCompleted == 3)
            #expect(recorder.updates(of: zero.taskID).compactMap(\.steps) == [1, 2, 3, 4, 5])
            #expect(recorder.uploads.isEmpty)  // announced EXR files that do not exist: nothing to send
            #expect(await agent.stop() == 1)
        }
    }

    /// Blender 3.x (here 3.4's wording): each frame's indented ` Time:` line is one step, so progress moves per frame
    /// instead of staying at 0 until the task completes.
    @Test func blender3OutputMovesTheSteps() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let frames = (1...3).map { Self.blender3Frame($0, saved: "/tmp/tablao-none/\($0).exr") }.joined()
            let blender3 = try Checklist.script(Self.printing("""
                Blender 3.4.1
                Read prefs: /home/render/.config/blender/3.4/config/userpref.blend
                Read blend: /s/scene.blend
                \(frames)
                Blender quit
                """), in: farm.folder, named: "blender-3")
            let (job, taskID) = try await Checklist.seed(
                farm, "render-1-3", type: "blender", [Self.render(blender3, steps: 3)])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await Checklist.finalStatus(of: job, in: farm) == .completed)
            let updates = recorder.updates(of: taskID)
            #expect(updates.compactMap(\.steps) == [1, 2, 3])
            let completed = try #require(updates.firstIndex(of: .completed))
            #expect(updates.firstIndex { $0.steps == 3 }.map { $0 < completed } == true)
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 26: a `Saved:` JPEG or PNG is uploaded for that task unchanged, with its own Content-Type and an
    /// explicit Content-Length (Tablao's first version, §5); an EXR is skipped.
    @Test func savedImagesAreUploadedAsTheyAre() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let folder = farm.folder.appending(path: "render").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let jpeg = try Self.image(width: 8).jpegEncoded(quality: 90)
            let png = try Self.image(width: 5).pngEncoded()
            let script = """
                printf 'v/1\\001not really an EXR' > \(folder)/0001.exr
                \(Self.printing(Self.blender4Frame(1, saved: "\(folder)/0001.exr")))
                sleep 0.3
                echo '\(Data(jpeg).base64EncodedString())' | base64 -d > \(folder)/0002.jpg
                \(Self.printing(Self.blender4Frame(2, saved: "\(folder)/0002.jpg")))
                sleep 0.3
                echo '\(Data(png).base64EncodedString())' | base64 -d > \(folder)/0003.png
                \(Self.printing(Self.blender4Frame(3, saved: "\(folder)/0003.png")))
                """
            let blender = try Checklist.script(script, in: farm.folder, named: "fake-blender")
            let (job, taskID) = try await Checklist.seed(
                farm, "render-1-3", type: "blender", [Self.render(blender, steps: 3)])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await Checklist.finalStatus(of: job, in: farm) == .completed)
            let answered = await eventually {
                recorder.uploads.count == 2 && recorder.uploads.allSatisfy { $0.status != nil }
            }
            #expect(answered)
            let uploads = recorder.uploads
            try #require(uploads.count == 2)
            for (upload, (bytes, type)) in zip(uploads, [(jpeg, "image/jpeg"), (png, "image/png")]) {
                #expect(upload.method == "POST")
                #expect(upload.path == "/api/v3/worker/task/\(taskID)/output-produced")
                #expect(upload.contentType == type)
                #expect(upload.contentLength == "\(bytes.count)")
                #expect(upload.body == bytes)
                #expect(upload.status == 202)
            }
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 26: many `Saved:` lines in quick succession → one upload at a time (the Manager holds each answer), the
    /// newest pending file replacing older ones, and the last frame announced among those sent.
    @Test func manyFramesUploadOneAtATimeNewestWins() async throws {
        let recorder = RequestRecorder { request in
            if request.path.hasSuffix("/output-produced") { try? await Task.sleep(for: .milliseconds(500)) }
        }
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let folder = farm.folder.appending(path: "render").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let frames = 1...12
            var script = ""
            for frame in frames {
                let png = try Self.image(width: frame).pngEncoded()
                let path = "\(folder)/\(String(format: "%04d", frame)).png"
                script += "echo '\(Data(png).base64EncodedString())' | base64 -d > \(path)\n"
                script += Self.printing(Self.blender4Frame(frame, saved: path)) + "\n"
            }
            let blender = try Checklist.script(script, in: farm.folder, named: "fake-blender")
            let (job, taskID) = try await Checklist.seed(
                farm, "render-1-12", type: "blender", [Self.render(blender, steps: 12)])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await Checklist.finalStatus(of: job, in: farm) == .completed)
            func widths() -> [Int] { recorder.uploads.compactMap { try? RGBImage(decoding: $0.body).width } }
            #expect(await eventually { widths().contains(frames.upperBound) })
            #expect(await eventually { recorder.uploads.allSatisfy { $0.answered != nil } })
            let uploads = recorder.uploads
            #expect(uploads.count <= 6, "\(uploads.count) uploads for 12 quick frames: no newest-wins queue?")
            #expect(widths() == widths().sorted())  // never an older frame after a newer one
            for (earlier, later) in zip(uploads, uploads.dropFirst()) {
                let finished = try #require(earlier.answered)
                #expect(later.received >= finished, "two uploads in flight at once")
            }
            #expect(uploads.allSatisfy { $0.path == "/api/v3/worker/task/\(taskID)/output-produced" })
            #expect(uploads.allSatisfy { $0.contentType == "image/png" && $0.contentLength == "\($0.body.count)" })
            #expect(await agent.stop() == 1)
        }
    }

    /// A small image `width` pixels wide, so each frame's upload can be told apart.
    private static func image(width: Int) -> RGBImage {
        RGBImage(
            width: width, height: 4,
            pixels: (0..<(width * 4 * 3)).map { UInt8(truncatingIfNeeded: $0 * 37 + width) })
    }
}
