import FarmModel
import Foundation
import Testing
import WorkerAgent

/// `blender-render` with a fake Blender: argv order and one step per finished or skipped frame.
@Suite(.serialized) struct BlenderRenderTests {
    @Test func countsFramesAsSteps() async throws {
        try await WorkerFarm.with { farm, baseURL in
            let script = farm.folder.appending(path: "fake-blender").path
            let go = farm.folder.appending(path: "go").path
            let png = farm.folder.appending(path: "0001.png").path
            let redPixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
            try #require(Data(base64Encoded: redPixel)).write(to: URL(fileURLWithPath: png))
            try """
                #!/bin/sh
                echo "Fra:1 Mem:12M | Time:00:00.50 | Rendering 1 / 64 samples"
                echo "Saved: '\(png)'"
                echo "Time: 00:00.10"
                echo "00:00.419  render   | Time: 00:01.06"
                echo "Skipping existing frame \\"/tmp/0003.png\\""
                while [ ! -e \(go) ]; do sleep 0.05; done
                exit 0
                """.write(toFile: script, atomically: true, encoding: .utf8)
            chmod(script, 0o755)
            let job = try await farm.seedJob(tasks: [
                CompiledTask(
                    name: "render-1-5", taskType: "blender", priority: 50,
                    commands: [
                        CompiledCommand(
                            name: "blender-render",
                            parameters: [
                                "exe": .string(script), "exeArgs": .string("-b -y"),
                                "argsBefore": .array([.string("--before")]), "blendfile": .string("/s/scene.blend"),
                                "args": .array([.string("--render-frame"), .string("1..5"), .int(24)]),
                            ], totalStepCount: 5)
                    ])
            ])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            let counted = try await eventually { try await farm.tasks(of: job).first?.stepsCompleted == 3 }
            #expect(counted)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await farm.tasks(of: job).first?.stepsCompleted == 3)
            _ = FileManager.default.createFile(atPath: go, contents: nil)
            let completed = try await eventually { try await farm.job(job).status == .completed }
            #expect(completed)
            let task = try #require(try await farm.tasks(of: job).first)
            #expect(farm.log(of: task).contains("\(script) -b -y --before /s/scene.blend --render-frame 1..5 24"))
            let thumbnail = farm.storageRoot.appending(
                path: "job-\(job.rawValue.prefix(4))/\(job.rawValue)/last-rendered-tiny.jpg").path
            #expect(await eventually { FileManager.default.fileExists(atPath: thumbnail) })
            #expect(await agent.stop() == 1)
        }
    }
}
