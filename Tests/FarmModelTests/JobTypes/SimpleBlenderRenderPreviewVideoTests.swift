import Testing

@testable import FarmModel

@Suite("simple-blender-render preview video (protocol.md §10.1.2 step 5)")
struct SimpleBlenderRenderPreviewVideoTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var format: String
        var hasPreviews: JSONValue?
        var fps: JSONValue?
        /// The expected `inputGlob` file pattern, or nil when no video task is expected.
        var glob: String?

        var testDescription: String {
            "\(format), has_previews \(hasPreviews?.jsonText() ?? "absent"), fps \(fps?.jsonText() ?? "absent")"
        }
    }

    static let cases: [Case] = [
        Case(format: "PNG", hasPreviews: .bool(false), fps: .int(24), glob: "*.png"),
        Case(format: "PNG", hasPreviews: nil, fps: .double(23.976), glob: "*.png"),
        Case(format: "JPEG", hasPreviews: .bool(true), fps: .int(25), glob: "*.png"),
        Case(format: "OPEN_EXR", hasPreviews: .bool(false), fps: .int(24), glob: nil),
        Case(format: "OPEN_EXR", hasPreviews: nil, fps: .int(24), glob: nil),
        Case(format: "OPEN_EXR", hasPreviews: .bool(true), fps: .int(24), glob: "*.jpg"),
        Case(format: "EXR", hasPreviews: .bool(true), fps: .int(24), glob: "*.jpg"),
        Case(format: "EXR", hasPreviews: .bool(false), fps: .int(24), glob: nil),
        Case(format: "MULTILAYER", hasPreviews: .bool(true), fps: .int(24), glob: "*.jpg"),
        Case(format: "MULTILAYER", hasPreviews: .bool(false), fps: .int(24), glob: nil),
        Case(format: "OPEN_EXR_MULTILAYER", hasPreviews: .bool(true), fps: .int(24), glob: "*.jpg"),
        Case(format: "OPEN_EXR_MULTILAYER", hasPreviews: .bool(false), fps: .int(24), glob: nil),
        Case(format: "PNG", hasPreviews: .bool(true), fps: nil, glob: nil),
        Case(format: "PNG", hasPreviews: .bool(true), fps: .int(0), glob: nil),
        Case(format: "OPEN_EXR", hasPreviews: .bool(true), fps: .double(0), glob: nil),
    ]

    @Test(arguments: cases)
    func videoTaskDependsOnFormatPreviewsAndFps(testCase: Case) throws {
        // Checklist item 39 is among these cases: OPEN_EXR without previews, or no fps, gives no video.
        var changes: [String: JSONValue] = ["format": .string(testCase.format)]
        var removed: Set<String> = []
        if let hasPreviews = testCase.hasPreviews {
            changes["has_previews"] = hasPreviews
        } else {
            removed.insert("has_previews")
        }
        if let fps = testCase.fps { changes["fps"] = fps } else { removed.insert("fps") }
        let job = try JobTypeFixture.compileBlender(changes, removing: removed)

        let video = job.tasks.first { $0.name == "preview-video" }
        guard let glob = testCase.glob else {
            #expect(video == nil)
            #expect(job.tasks.count == 4)
            return
        }
        let parameters = try #require(video?.commands.first?.parameters)
        #expect(parameters["inputGlob"] == .string("/render/shot/\(JobTypeFixture.utcTimestamp)/\(glob)"))
        #expect(parameters["fps"] == testCase.fps)
        // The worker passes the frame rate before the input and the output; a `-r` in `args` would be a third.
        #expect(parameters["args"]?.arrayItems?.last == .string("-y"))
        #expect(parameters["args"]?.arrayItems?.contains(.string("-r")) == false)
    }

    @Test(arguments: [
        ("1-10", "/projects/shot.flamenco.blend", "shot-1-10.mp4"),
        ("1..10", "/projects/shot.flamenco.blend", "shot-1..10.mp4"),
        ("7", "/projects/shot.blend", "shot-7.mp4"),
        ("5,1-3", "/projects/shot.blend", "shot-1-5.mp4"),
        (" 1 - 3 , 8", "/projects/shot.blend", "shot-1-8.mp4"),
        ("20-30,2,40..41", "/projects/shot.blend", "shot-2-41.mp4"),
        ("1-10", #"C:\projects\my.flamenco.v2.flamenco.blend"#, "my.v2.flamenco-1-10.mp4"),
        ("1-10", "/projects/noextension", "noextension-1-10.mp4"),
    ])
    func outputFileNamesTheBlendFileAndFrameRange(frames: String, blendfile: String, expectedFile: String) throws {
        let job = try JobTypeFixture.compileBlender(["frames": .string(frames), "blendfile": .string(blendfile)])
        let parameters = try #require(job.tasks.last?.commands.first?.parameters)
        #expect(parameters["outputFile"] == .string("/render/shot/\(JobTypeFixture.utcTimestamp)/\(expectedFile)"))
    }

    @Test func videoDependsOnEveryRenderTask() throws {
        let job = try JobTypeFixture.compileBlender(["frames": .string("1-20"), "chunk_size": .int(2)])
        #expect(job.tasks.count == 11)
        #expect(job.tasks.last?.dependencies == Array(0..<10))
    }
}
