import Foundation

@testable import FarmModel

/// Shared inputs for the job-type tests: a fixed clock, and a complete `simple-blender-render` submission.
enum JobTypeFixture {
    /// 2023-11-14 22:13:20 UTC.
    static let creationTime = Date(timeIntervalSince1970: 1_700_000_000)
    /// Compile context in UTC.
    static let utc = CompileContext(creationTime: creationTime, timeZone: TimeZone(secondsFromGMT: 0)!)
    /// `{timestamp}` of `creationTime` in UTC.
    static let utcTimestamp = "2023-11-14_221320"
    /// The Python expression of the render command, spelled out as in protocol.md §10.1.2.
    static let renderExpression =
        "import bpy; r = bpy.context.scene.render; r.use_file_extension = True; "
        + "r.use_overwrite = False; r.use_placeholder = False"

    /// Settings of a valid `simple-blender-render` submission (checklist item 38), with changes applied.
    static func blenderSettings(
        _ changes: [String: JSONValue] = [:],
        removing removed: Set<String> = []
    ) -> [String: JSONValue] {
        var settings: [String: JSONValue] = [
            "frames": .string("1-10"),
            "chunk_size": .int(3),
            "render_output_root": .string("/render"),
            "add_path_components": .int(0),
            "render_output_path": .string("/render/shot/{timestamp}/######"),
            "blendfile": .string("/projects/shot.flamenco.blend"),
            "fps": .int(24),
            "format": .string("PNG"),
            "image_file_extension": .string(".png"),
            "has_previews": .bool(false),
            "scene": .string("Scene"),
        ]
        settings.merge(changes) { $1 }
        for key in removed { settings[key] = nil }
        return settings
    }

    /// Compiles a `simple-blender-render` submission through the built-in registry.
    static func compileBlender(
        _ changes: [String: JSONValue] = [:],
        removing removed: Set<String> = [],
        context: CompileContext = utc
    ) throws(JobCompileError) -> CompiledJob {
        let submission = JobSubmission(
            name: "Shot",
            type: "simple-blender-render",
            settings: blenderSettings(changes, removing: removed)
        )
        return try JobTypeRegistry.builtIn.compile(submission, context: context)
    }

    /// Compiles an `echo-sleep-test` submission through the built-in registry.
    static func compileEcho(_ settings: [String: JSONValue]) throws(JobCompileError) -> CompiledJob {
        let submission = JobSubmission(name: "Echo", type: "echo-sleep-test", settings: settings)
        return try JobTypeRegistry.builtIn.compile(submission, context: utc)
    }

    /// Decodes JSON text written in a test.
    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}
