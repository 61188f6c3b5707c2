import Foundation
import NIOCore
import NIOHTTP1

/// Submission of one job of a JavaScript job type that renders 10,000 frames in chunks of 1 (10,001 tasks): the
/// script compile in JavaScriptCore plus storing, the figure `jobtype_js_10k_s` (target ≤ 1.5 s).
enum ScriptedSubmitPhase {
    static let frames = 10_000
    /// The job type's name, from the file name `bench_js_render.js`.
    static let typeName = "bench-js-render"

    /// A render job type in the shape of `simple-blender-render`: a task per chunk, then a preview video.
    static let script = #"""
        // tablao-bench: a scripted render job type, one task per frame chunk and a preview video after them.
        const JOB_TYPE = {
            label: "Bench JS Render",
            settings: [
                { key: "frames", type: "string", required: true },
                { key: "chunk_size", type: "int32", default: 1 },
                { key: "render_output_path", type: "string", required: true },
                { key: "blendfile", type: "string", required: true },
                { key: "format", type: "string", required: true },
                { key: "fps", type: "float" },
            ],
        };

        function compileJob(job) {
            const settings = job.settings;
            const output = settings.render_output_path.replaceAll("{timestamp}", formatTimestampLocal(job.created));
            settings.render_output_path = output;
            const folder = path.dirname(output);
            const frameOutput = path.join(folder, path.basename(output));
            const renders = [];
            for (const chunk of frameChunker(settings.frames, settings.chunk_size)) {
                const task = author.Task(`render-${chunk}`, "blender");
                task.addCommand(author.Command("blender-render", {
                    exe: "{blender}", exeArgs: "{blenderArgs}", argsBefore: [], blendfile: settings.blendfile,
                    args: ["--render-output", frameOutput, "--render-format", settings.format,
                        "--render-frame", chunk.replaceAll("-", "..")],
                }, frameCount(chunk)));
                job.addTask(task);
                renders.push(task);
            }
            const video = author.Task("preview-video", "ffmpeg");
            video.addCommand(author.Command("frames-to-video", {
                exe: "ffmpeg", fps: settings.fps, inputGlob: path.join(folder, "*.png"),
                outputFile: path.join(folder, `${path.stem(settings.blendfile)}.mp4`),
            }));
            for (const render of renders) video.addDependency(render);
            job.addTask(video);
        }
        """#

    /// Writes the job type into `folder` (the Manager's `job_types_dir`).
    static func install(in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try script.write(to: folder.appending(path: "bench_js_render.js"), atomically: true, encoding: .utf8)
    }

    /// Seconds from sending the job to its answer.
    static func run(_ http: BenchHTTP) async throws -> Double {
        let body = BenchHTTP.json([
            "name": "tablao-bench js 10k", "type": typeName, "priority": 50, "submitter_platform": "linux",
            "settings": [
                "frames": "1-\(frames)", "chunk_size": 1, "render_output_path": "/render/bench/{timestamp}/######",
                "blendfile": "/shared/bench.blend", "format": "PNG", "fps": 24,
            ] as [String: Any],
        ])
        let start = ContinuousClock.now
        try await http.expect([200], .POST, "/api/v3/jobs", body: body, timeout: .seconds(300))
        return (ContinuousClock.now - start).seconds
    }
}
