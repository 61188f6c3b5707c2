import Farm
import FarmModel
import Foundation
import HTTPTypes
import JobScripts
import Logging
import Testing

/// JavaScript twins of the two built-in types, run through the JavaScript engine, against the native compilers:
/// same definitions, and for every row of settings the same tasks, commands, parameters, dependencies and stored
/// settings (or both refuse).
@Suite("Job-type scripts: JavaScript twins of the built-in types")
struct TwinTests {
    static func files() throws -> [String: String] {
        try TestScripts.files("twin_simple_blender_render.js", "twin_echo_sleep_test.js")
    }

    /// A complete `simple-blender-render` submission, with changes.
    static func render(_ changes: String = "{}") -> [String: JSONValue] {
        var settings = object(
            #"""
            {"frames": "1-10", "chunk_size": 3, "render_output_root": "/render", "add_path_components": 0,
             "render_output_path": "/render/shot/{timestamp}/######", "blendfile": "/projects/shot.flamenco.blend",
             "fps": 24, "format": "PNG", "image_file_extension": ".png", "has_previews": false, "scene": "Scene"}
            """#)
        settings.merge(object(changes)) { $1 }
        return settings.filter { $0.value != .null }
    }

    static let renderRows: [String] = [
        "{}",
        #"{"chunk_size": 1}"#,
        #"{"chunk_size": 1000}"#,
        #"{"frames": "1-3,5,7-9,20", "chunk_size": 2}"#,
        #"{"frames": "1-3,5,7-9,20", "chunk_size": 1}"#,
        #"{"frames": "1-3,5,7-9,20", "chunk_size": 50}"#,
        #"{"frames": "7"}"#,
        #"{"frames": " 10 .. 14 , 3", "chunk_size": 4}"#,
        #"{"frames": "1-5,3-8,8", "chunk_size": 3}"#,
        #"{"format": "JPEG", "image_file_extension": ".jpg"}"#,
        #"{"format": "TIFF", "image_file_extension": ".tif"}"#,
        #"{"format": "OPEN_EXR", "image_file_extension": ".exr"}"#,
        #"{"format": "OPEN_EXR", "image_file_extension": ".exr", "has_previews": true}"#,
        #"{"format": "OPEN_EXR_MULTILAYER", "image_file_extension": ".exr", "has_previews": true}"#,
        #"{"format": "EXR", "image_file_extension": ".exr", "has_previews": true}"#,
        #"{"format": "MULTILAYER", "image_file_extension": ".exr"}"#,
        #"{"format": "FFMPEG"}"#,
        #"{"format": "AVI_JPEG"}"#,
        #"{"format": "AVI_RAW"}"#,
        #"{"fps": null}"#,
        #"{"fps": 0}"#,
        #"{"fps": 23.976}"#,
        #"{"scene": ""}"#,
        #"{"render_output_path": "C:\\render\\{timestamp}\\{timestamp}\\frame_######"}"#,
        #"{"render_output_path": "//server/share//out/"}"#,
        #"{"render_output_path": ""}"#,
        #"{"blendfile": "shot.flamenco.flamenco.blend"}"#,
        #"{"frames": "5-1"}"#,
        #"{"frames": "one-ten"}"#,
        #"{"chunk_size": 0}"#,
        #"{"chunk_size": -2}"#,
        #"{"chunk_size": 2.5}"#,
        #"{"frames": null}"#,
        #"{"add_path_components": null, "chunk_size": null}"#,
    ]

    static let echoRows: [String] = [
        #"{"message": "hola"}"#,
        #"{"message": "hola", "sleep_repeats": 0}"#,
        #"{"message": "hola", "sleep_repeats": 4, "sleep_duration_seconds": 3}"#,
        #"{"message": "hola", "sleep_repeats": -1}"#,
        #"{"message": "hola", "sleep_repeats": "3"}"#,
        #"{"message": ""}"#,
        #"{}"#,
        #"{"message": 5}"#,
    ]

    @Test(arguments: renderRows) func renderTwinAuthorsWhatTheNativeCompilerAuthors(changes: String) async throws {
        try await ScriptFarm.with(files: try Self.files()) { farm in
            try await Self.expectSameOutcome(
                farm, native: "simple-blender-render", twin: "twin-simple-blender-render",
                settings: Self.render(changes))
        }
    }

    @Test(arguments: echoRows) func echoTwinAuthorsWhatTheNativeCompilerAuthors(settings: String) async throws {
        try await ScriptFarm.with(files: try Self.files()) { farm in
            try await Self.expectSameOutcome(
                farm, native: "echo-sleep-test", twin: "twin-echo-sleep-test",
                settings: object(settings))
        }
    }

    @Test func twinsPublishTheBuiltInDefinitions() async throws {
        try await ScriptFarm.with(files: try Self.files()) { farm in
            for (native, twin) in [
                ("simple-blender-render", "twin-simple-blender-render"), ("echo-sleep-test", "twin-echo-sleep-test"),
            ] {
                var twinDefinition = try #require(await farm.jobTypes.offeredJobType(named: twin)).definition
                twinDefinition.name = native
                let nativeDefinition = try #require(JobTypeRegistry.builtIn.jobType(named: native)).definition
                #expect(twinDefinition == nativeDefinition)
                #expect(twinDefinition.etag == nativeDefinition.etag)
            }
        }
    }

    @Test func aScriptNamedLikeABuiltInTypeReplacesIt() async throws {
        let files = [
            "simple_blender_render.js": try TestScripts.source("twin_simple_blender_render.js")
                .replacingOccurrences(of: #"label: "Simple Blender Render""#, with: #"label: "Studio Render""#)
        ]
        try await ScriptFarm.with(files: files) { farm in
            let served = try await farm.router { api in try await api.get("/api/v3/jobs/type/simple-blender-render") }
            #expect(try served.json().field("label") == .string("Studio Render"))
            let offered = await farm.jobTypes.offeredJobTypes().map(\.definition.name)
            #expect(offered == ["echo-sleep-test", "simple-blender-render"])
            let reply = try await farm.router { api in
                try await api.submit("simple-blender-render", settings: Self.render())
            }
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(
                farm.log.all.contains {
                    $0.message == "Job type scripts loaded" && $0.metadata["overriding"] == "simple-blender-render"
                })
        }
    }

    private static func expectSameOutcome(
        _ farm: ScriptFarm, native: String, twin: String, settings: [String: JSONValue]
    ) async throws {
        let job = ScriptFarm.job(type: native, settings: settings)
        let nativeType = try #require(JobTypeRegistry.builtIn.jobType(named: native))
        let expected = Result { () throws(JobCompileError) in
            try nativeType.validateAndCompile(job.submission, context: job.context)
        }
        let actual: Result<CompiledJob, JobCompileError>
        do {
            actual = .success(try await farm.compile(type: twin, settings: settings))
        } catch {
            actual = .failure(error)
        }
        switch (expected, actual) {
        case (.success(let expected), .success(let actual)):
            #expect(actual.tasks.count == expected.tasks.count)
            for (index, (mine, theirs)) in zip(actual.tasks, expected.tasks).enumerated() {
                #expect(mine == theirs, "task \(index + 1) differs")
            }
            #expect(actual.settings == expected.settings)
            #expect(actual == expected)
        case (.failure, .failure(let error)):
            #expect(error.message.hasPrefix("job type script twin_") || error.settingKey != nil, "\(error.message)")
        default:
            Issue.record("native: \(expected), twin: \(actual)")
        }
    }
}
