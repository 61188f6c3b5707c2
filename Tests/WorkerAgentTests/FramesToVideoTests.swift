import FarmModel
import Foundation
import Testing
@testable import WorkerAgent

/// `frames-to-video` argv and the FFmpeg sanity check (worker-agent.md §3.6, §7.3).
@Suite(.serialized) struct FramesToVideoTests {
    private static func script(_ body: String, in folder: URL, named name: String) throws -> String {
        let path = folder.appending(path: name).path
        try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    @Test func buildsFFmpegArguments() async throws {
        try await WorkerFarm.with { farm, baseURL in
            let fake = try Self.script("exit 0", in: farm.folder, named: "fake-ffmpeg")
            let job = try await farm.seedJob(tasks: [
                CompiledTask(
                    name: "video", taskType: "ffmpeg", priority: 50,
                    commands: [
                        CompiledCommand(
                            name: "frames-to-video",
                            parameters: [
                                "exe": .string(fake), "exeArgs": .string("-v quiet"), "fps": .double(23.976),
                                "inputGlob": .string(#"/r\frames/*.png"#), "outputFile": .string("/r/out.mp4"),
                                "argsBefore": .array([.string("-y")]),
                                "args": .array([.string("-c:v"), .string("h264"), .string("-r"), .int(24)]),
                            ], totalStepCount: 0)
                    ])
            ])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await eventually { try await farm.job(job).status == .completed })
            let task = try #require(try await farm.tasks(of: job).first)
            #expect(farm.log(of: task).contains(
                "\(fake) -v quiet -y -r 23.976 -pattern_type glob -i '/r/frames/*.png' -c:v h264 -r 24 /r/out.mp4"))
            #expect(await agent.stop() == 1)
        }
    }

    @Test func checksFFmpegVersionOutput() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-ffmpeg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try Self.script("echo 'ffmpeg version 7.1'; echo 'built with gcc'", in: folder, named: "good")
        let oneLine = try Self.script("echo 'ffmpeg version 7.1'", in: folder, named: "short")
        let other = try Self.script("echo 'something else'; echo 'x'", in: folder, named: "other")
        #expect(await FFmpegLocator.isValid(good))
        #expect(!(await FFmpegLocator.isValid(oneLine)))
        #expect(!(await FFmpegLocator.isValid(other)))
        #expect(!(await FFmpegLocator.isValid(folder.appending(path: "missing").path)))
        #expect(await FFmpegLocator.find(environment: ["PATH": folder.path]) == nil)
        try FileManager.default.copyItem(atPath: good, toPath: folder.appending(path: "ffmpeg").path)
        #expect(await FFmpegLocator.find(environment: ["PATH": folder.path]) == folder.appending(path: "ffmpeg").path)
    }
}
