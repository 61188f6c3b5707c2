import Foundation

/// The compiler of `simple-blender-render` (protocol.md §10.1.2): render tasks per frame chunk, then an
/// optional preview-video task that waits for all of them.
extension SimpleBlenderRenderJobType {
    /// Formats Blender writes as video files, which this type cannot split into chunks.
    static let videoFormats: Set<String> = ["FFMPEG", "AVI_RAW", "AVI_JPEG"]
    /// EXR formats: the video is made from Blender's JPEG previews, so only when those exist.
    static let exrFormats: Set<String> = ["EXR", "MULTILAYER", "OPEN_EXR", "OPEN_EXR_MULTILAYER"]
    /// The Python expression that keeps Blender from overwriting frames or writing placeholders.
    static let renderSettingsExpression =
        "import bpy; r = bpy.context.scene.render; r.use_file_extension = True; r.use_overwrite = False; "
        + "r.use_placeholder = False"
    /// The ffmpeg arguments before the frame rate.
    static let videoArguments: [JSONValue] = [
        "-c:v", "h264", "-crf", "20", "-g", "18", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-pix_fmt", "yuv420p",
    ].map(JSONValue.string)

    /// Compiles the submission; writes the expanded `render_output_path` back into the stored settings.
    public func compile(_ submission: JobSubmission, context: CompileContext) throws(JobCompileError) -> CompiledJob {
        var settings = submission.settings
        let format = settings["format"]?.stringValue ?? ""
        guard !Self.videoFormats.contains(format) else { throw .unsupportedFormat(format) }

        guard let template = settings["render_output_path"]?.stringValue, !template.isEmpty else {
            throw .missingSetting(key: "render_output_path")
        }
        let timestamp = JobTimestamp.text(for: context.creationTime, in: context.timeZone)
        let renderOutput = template.replacingOccurrences(of: "{timestamp}", with: timestamp)
        settings["render_output_path"] = .string(renderOutput)

        guard let framesText = settings["frames"]?.stringValue else { throw .missingSetting(key: "frames") }
        let frames: [Int]
        do {
            frames = try FrameList(parsing: framesText).frames
        } catch {
            throw .invalidValue(key: "frames", reason: error.reason)
        }
        guard let chunkSizeValue = settings["chunk_size"] else { throw .missingSetting(key: "chunk_size") }
        guard let chunkSize = chunkSizeValue.doubleValue.flatMap(Int.init(exactly:)), chunkSize >= 1 else {
            throw .invalidValue(key: "chunk_size", reason: "must be a whole number of at least 1")
        }
        let renderTaskCount = (frames.count + chunkSize - 1) / chunkSize
        guard renderTaskCount < JobCompileLimits.maximumTaskCount else {
            throw .invalidValue(
                key: "chunk_size",
                reason: "\(renderTaskCount) render tasks exceed the limit of \(JobCompileLimits.maximumTaskCount - 1)"
            )
        }
        let chunks = FrameChunk.chunks(of: frames, size: chunkSize)

        let outputDirectory = RenderPath.dirname(renderOutput)
        var tasks = renderTasks(
            chunks,
            settings: settings,
            format: format,
            outputDirectory: outputDirectory,
            renderOutput: renderOutput
        )
        if let video = previewVideoTask(
            settings: settings,
            format: format,
            frames: frames,
            framesText: framesText,
            outputDirectory: outputDirectory,
            renderTaskCount: tasks.count
        ) {
            tasks.append(video)
        }
        return CompiledJob(settings: settings, tasks: tasks)
    }

    private func renderTasks(
        _ chunks: [FrameChunk],
        settings: [String: JSONValue],
        format: String,
        outputDirectory: String,
        renderOutput: String
    ) -> [CompiledTask] {
        var sharedArguments: [JSONValue] = []
        if let scene = settings["scene"]?.stringValue, !scene.isEmpty {
            sharedArguments += [.string("--scene"), .string(scene)]
        }
        sharedArguments += [
            "--python-expr", Self.renderSettingsExpression,
            "--render-output", RenderPath.join(outputDirectory, RenderPath.basename(renderOutput)),
            "--render-format", format,
            "--render-frame",
        ].map(JSONValue.string)
        let sharedParameters: [String: JSONValue] = [
            "exe": .string("{blender}"),
            "exeArgs": .string("{blenderArgs}"),
            "argsBefore": .array([]),
            "blendfile": settings["blendfile"] ?? .null,
        ]
        return chunks.map { chunk in
            var parameters = sharedParameters
            parameters["args"] = .array(sharedArguments + [.string(chunk.blenderFrameArgument)])
            return CompiledTask(
                name: "render-\(chunk.name)",
                taskType: "blender",
                priority: JobCompileLimits.builtInTaskPriority,
                commands: [
                    CompiledCommand(name: "blender-render", parameters: parameters, totalStepCount: chunk.frames.count)
                ]
            )
        }
    }

    /// The `frames-to-video` task, made only when there is an image sequence to read and a frame rate.
    private func previewVideoTask(
        settings: [String: JSONValue],
        format: String,
        frames: [Int],
        framesText: String,
        outputDirectory: String,
        renderTaskCount: Int
    ) -> CompiledTask? {
        let isEXR = Self.exrFormats.contains(format)
        let hasPreviews = settings["has_previews"]?.isTruthy ?? false
        guard !(isEXR && !hasPreviews), let fps = settings["fps"], fps.isTruthy else { return nil }

        let imageExtension = isEXR ? ".jpg" : (settings["image_file_extension"]?.stringValue ?? "")
        let stem = Self.removingFirst(".flamenco", from: RenderPath.stem(settings["blendfile"]?.stringValue ?? ""))
        let range = framesText.contains(",") ? "\(frames[0])-\(frames[frames.count - 1])" : framesText
        let parameters: [String: JSONValue] = [
            "exe": .string("ffmpeg"),
            "fps": fps,
            "inputGlob": .string(RenderPath.join(outputDirectory, "*" + imageExtension)),
            "outputFile": .string(RenderPath.join(outputDirectory, "\(stem)-\(range).mp4")),
            // No `-r` here: the worker passes the frame rate itself, before the input and before the output file.
            "args": .array(Self.videoArguments + [.string("-y")]),
        ]
        return CompiledTask(
            name: "preview-video",
            taskType: "ffmpeg",
            priority: JobCompileLimits.builtInTaskPriority,
            commands: [CompiledCommand(name: "frames-to-video", parameters: parameters, totalStepCount: 0)],
            dependencies: Array(0..<renderTaskCount)
        )
    }

    private static func removingFirst(_ part: String, from text: String) -> String {
        guard let found = text.range(of: part) else { return text }
        return text.replacingCharacters(in: found, with: "")
    }
}
