import Foundation
import Testing

@testable import FarmModel

@Suite("simple-blender-render compilation (protocol.md §10.1.2)")
struct SimpleBlenderRenderCompileTests {
    let outputDirectory = "/render/shot/\(JobTypeFixture.utcTimestamp)"

    @Test func tenFramesInChunksOfThreeGiveFourRenderTasksAndAVideo() throws {
        // Checklist item 38.
        let job = try JobTypeFixture.compileBlender()
        #expect(job.tasks.map(\.name) == ["render-1-3", "render-4-6", "render-7-9", "render-10", "preview-video"])
        #expect(job.tasks.map(\.stepsTotal) == [3, 3, 3, 1, 1])
        #expect(job.tasks.map(\.dependencies) == [[], [], [], [], [0, 1, 2, 3]])
        #expect(job.tasks.map(\.taskType) == ["blender", "blender", "blender", "blender", "ffmpeg"])
        #expect(job.tasks.allSatisfy { $0.priority == 50 })
        #expect(job.stepsTotal == 11)
        #expect(job.settings["render_output_path"] == .string("\(outputDirectory)/######"))
    }

    @Test func renderCommandHasTheSpecifiedParameters() throws {
        let job = try JobTypeFixture.compileBlender(["frames": .string("1-3,5,7-8"), "chunk_size": .int(6)])
        let expectedArguments: [JSONValue] = [
            "--scene", "Scene", "--python-expr", JobTypeFixture.renderExpression,
            "--render-output", "\(outputDirectory)/######", "--render-format", "PNG", "--render-frame", "1..3,5,7,8",
        ].map(JSONValue.string)
        #expect(
            job.tasks[0].commands == [
                CompiledCommand(
                    name: "blender-render",
                    parameters: [
                        "exe": .string("{blender}"),
                        "exeArgs": .string("{blenderArgs}"),
                        "argsBefore": .array([]),
                        "blendfile": .string("/projects/shot.flamenco.blend"),
                        "args": .array(expectedArguments),
                    ],
                    totalStepCount: 6
                )
            ]
        )
        #expect(job.tasks[0].name == "render-1-3,5,7,8")
    }

    @Test func sceneArgumentsAreLeftOutForAnEmptyScene() throws {
        let job = try JobTypeFixture.compileBlender(["scene": .string("")])
        guard case .array(let arguments)? = job.tasks[0].commands[0].parameters["args"] else {
            Issue.record("args is not an array")
            return
        }
        #expect(!arguments.contains(.string("--scene")))
        #expect(arguments.count == 8)
    }

    @Test func renderOutputIsNormalisedWithForwardSlashes() throws {
        let job = try JobTypeFixture.compileBlender([
            "render_output_path": .string("C:\\render\\\\shot\\{timestamp}\\######")
        ])
        let arguments = job.tasks[0].commands[0].parameters["args"]
        #expect(
            arguments?.arrayItems?.contains(.string("C:/render/shot/\(JobTypeFixture.utcTimestamp)/######")) == true
        )
        // The stored setting keeps the submitted separators; only the timestamp is substituted.
        #expect(
            job.settings["render_output_path"]
                == .string(
                    "C:\\render\\\\shot\\\(JobTypeFixture.utcTimestamp)\\######"
                )
        )
    }

    @Test func previewVideoHasTheSpecifiedParameters() throws {
        let job = try JobTypeFixture.compileBlender()
        let video = try #require(job.tasks.last)
        let expectedArguments: [JSONValue] =
            [
                "-c:v", "h264", "-crf", "20", "-g", "18", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-pix_fmt", "yuv420p",
                "-y",
            ].map(JSONValue.string)
        #expect(
            video.commands == [
                CompiledCommand(
                    name: "frames-to-video",
                    parameters: [
                        "exe": .string("ffmpeg"),
                        "fps": .int(24),
                        "inputGlob": .string("\(outputDirectory)/*.png"),
                        "outputFile": .string("\(outputDirectory)/shot-1-10.mp4"),
                        "args": .array(expectedArguments),
                    ],
                    totalStepCount: 0
                )
            ]
        )
    }

    @Test func timestampIsWrittenInTheManagersTimeZone() throws {
        // 2024-01-31 23:30:05 UTC is 2024-02-01 08:30:05 in Tokyo (UTC+9): the date rolls over.
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let context = CompileContext(creationTime: Date(timeIntervalSince1970: 1_706_743_805), timeZone: tokyo)
        let job = try JobTypeFixture.compileBlender(
            ["render_output_path": .string("/r/{timestamp}/{other}/{timestamp}_######")],
            context: context
        )
        #expect(job.settings["render_output_path"] == .string("/r/2024-02-01_083005/{other}/2024-02-01_083005_######"))
    }

    @Test func timestampFollowsDaylightSavingTime() throws {
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        // 2024-07-04 16:00:00 UTC is 12:00:00 EDT (UTC-4); 2024-01-04 16:00:00 UTC is 11:00:00 EST (UTC-5).
        #expect(JobTimestamp.text(for: Date(timeIntervalSince1970: 1_720_108_800), in: newYork) == "2024-07-04_120000")
        #expect(JobTimestamp.text(for: Date(timeIntervalSince1970: 1_704_384_000), in: newYork) == "2024-01-04_110000")
    }

    @Test(arguments: ["FFMPEG", "AVI_RAW", "AVI_JPEG"])
    func videoFormatsAreRejected(format: String) {
        // Checklist item 39.
        #expect(throws: JobCompileError.unsupportedFormat(format)) {
            try JobTypeFixture.compileBlender(["format": .string(format)])
        }
        #expect(JobCompileError.unsupportedFormat(format).message.contains("\"format\""))
    }

    @Test(arguments: [nil, JSONValue.string("")])
    func missingOrEmptyRenderOutputPathIsRejected(value: JSONValue?) {
        let removed: Set<String> = value == nil ? ["render_output_path"] : []
        let changes: [String: JSONValue] = value.map { ["render_output_path": $0] } ?? [:]
        #expect(throws: JobCompileError.missingSetting(key: "render_output_path")) {
            try JobTypeFixture.compileBlender(changes, removing: removed)
        }
    }

    @Test(arguments: ["", "abc", "1-", "3-1", "1,x", " , "])
    func invalidFramesAreRejectedNamingTheSetting(frames: String) {
        let error = #expect(throws: JobCompileError.self) {
            try JobTypeFixture.compileBlender(["frames": .string(frames)])
        }
        #expect(error?.settingKey == "frames")
        #expect(error?.message.contains("\"frames\"") == true)
    }

    @Test(arguments: [0, -3])
    func chunkSizeBelowOneIsRejected(chunkSize: Int64) {
        let error = #expect(throws: JobCompileError.self) {
            try JobTypeFixture.compileBlender(["chunk_size": .int(chunkSize)])
        }
        #expect(error?.settingKey == "chunk_size")
    }

    @Test func tooManyRenderTasksAreRejectedBeforeAnyIsBuilt() {
        let error = #expect(throws: JobCompileError.self) {
            try JobTypeFixture.compileBlender(["frames": .string("1-200000"), "chunk_size": .int(1)])
        }
        #expect(error?.settingKey == "chunk_size")
    }

    @Test func tenThousandSingleFrameChunksCompileWithTheVideoTaskDependingOnAll() throws {
        let job = try JobTypeFixture.compileBlender(["frames": .string("1-10000"), "chunk_size": .int(1)])
        #expect(job.tasks.count == 10_001)
        #expect(job.tasks.last?.dependencies.count == 10_000)
        #expect(job.tasks[9_999].name == "render-10000")
    }
}

extension JSONValue {
    /// The elements, if this is an array.
    var arrayItems: [JSONValue]? {
        if case .array(let items) = self { items } else { nil }
    }
}
