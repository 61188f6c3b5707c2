import Foundation
import NIOCore
import NIOHTTP1

/// Submission of one `simple-blender-render` job of 10,000 frames in chunks of 1 (10,001 tasks).
enum SubmitPhase {
    static let frames = 10_000

    /// Seconds from sending the job to its answer.
    static func run(_ http: BenchHTTP) async throws -> Double {
        let body = BenchHTTP.json([
            "name": "tablao-bench 10k", "type": "simple-blender-render", "priority": 50,
            "submitter_platform": "linux",
            "settings": [
                "frames": "1-\(frames)", "chunk_size": 1, "render_output_root": "/render/", "add_path_components": 0,
                "render_output_path": "/render/bench/{timestamp}/######", "blendfile": "/shared/bench.blend",
                "format": "PNG", "image_file_extension": ".png", "fps": 24, "scene": "Scene", "has_previews": false,
            ] as [String: Any],
        ])
        let start = ContinuousClock.now
        try await http.expect([200], .POST, "/api/v3/jobs", body: body, timeout: .seconds(300))
        return (ContinuousClock.now - start).seconds
    }
}
