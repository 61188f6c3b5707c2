import Foundation

/// `SubmittedJob` bodies (protocol.md §10.1), filled as the Blender add-on fills them.
enum JobSubmissions {
    /// An `echo-sleep-test` job: one `echo` task, then `sleeps` tasks of one second each.
    static func echoSleep(name: String, message: String, sleeps: Int) -> [String: Any] {
        [
            "name": name, "type": "echo-sleep-test", "priority": 50, "submitter_platform": "linux",
            "settings": ["message": message, "sleep_duration_seconds": 1, "sleep_repeats": sleeps] as [String: Any],
        ]
    }

    /// A `simple-blender-render` job of the farm's `.blend` file, PNG frames under the farm's render folder.
    static func render(name: String, frames: String, chunkSize: Int, folder: FarmFolder) -> [String: Any] {
        let settings: [String: Any] = [
            "frames": frames, "chunk_size": chunkSize, "render_output_root": folder.render.path + "/",
            "add_path_components": 0,
            "render_output_path": folder.render.appending(path: name).path + "/{timestamp}/######",
            "blendfile": folder.blendFile.path, "fps": 24, "format": "PNG", "image_file_extension": ".png",
            "has_previews": false, "scene": "Scene",
        ]
        return [
            "name": name, "type": "simple-blender-render", "priority": 50, "submitter_platform": "linux",
            "settings": settings,
        ]
    }

    /// Where the fake Blender wrote `frame` of a render job: `######` of the compiled output path → 6 digits.
    static func framePath(_ frame: Int, job: Wire.Job) throws -> URL {
        try outputFolder(of: job).appending(path: String(format: "%06d.png", frame))
    }

    /// The folder of the compiled `render_output_path` (its `{timestamp}` replaced by the Manager).
    static func outputFolder(of job: Wire.Job) throws -> URL {
        guard let path = job.settings?.renderOutputPath, !path.contains("{timestamp}") else {
            throw EndToEndFailure(
                "job \(job.name) has no compiled render_output_path: \(String(describing: job.settings))")
        }
        return URL(fileURLWithPath: path).deletingLastPathComponent()
    }
}
