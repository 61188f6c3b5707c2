import FarmModel
import Foundation
import Testing
import WorkerAgent

/// worker-agent.md §8.1 items 28–30: `make-directory`, `move-directory` and `copy-file`, checked on disk and in the
/// updates the Manager received (each log message its own update, without a trailing newline).
@Suite(.serialized) struct FileCommandChecklistTests {
    private static func failure(_ recorder: RequestRecorder, _ taskID: String) -> String {
        recorder.updates(of: taskID).last { $0.taskStatus == "failed" }?.activity ?? "<no failure>"
    }

    private static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// Item 28: nested directories are created, an existing one is fine, an impossible path fails with a log line.
    @Test func makeDirectory() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(thresholds: Checklist.hardFail, recorder: recorder) { farm, baseURL in
            let root = farm.folder.appending(path: "mk").path
            try FileManager.default.createDirectory(atPath: "\(root)/exists", withIntermediateDirectories: true)
            try "plain".write(toFile: "\(root)/file.txt", atomically: true, encoding: .utf8)
            func make(_ path: String) -> [CompiledCommand] {
                [Checklist.command("make-directory", ["path": .string(path)])]
            }
            let nested = try await Checklist.seed(farm, "nested", type: "file-management", make("\(root)/a/b/c"))
            let existing = try await Checklist.seed(farm, "existing", type: "file-management", make("\(root)/exists"))
            let bad = try await Checklist.seed(farm, "bad", type: "file-management", make("\(root)/file.txt/sub"))
            let missing = try await Checklist.seed(
                farm, "missing", type: "file-management", [Checklist.command("make-directory", [:])])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            for job in [nested, existing] {
                #expect(try await Checklist.finalStatus(of: job.job, in: farm) == .completed)
            }
            for job in [bad, missing] {
                #expect(try await Checklist.finalStatus(of: job.job, in: farm) == .failed)
            }
            #expect(Self.isDirectory("\(root)/a/b/c"))
            #expect(recorder.updates(of: nested.taskID) == [
                .started, .logText(#"make-directory: creating directory "\#(root)/a/b/c""#), .progress(1), .completed,
            ])
            let badUpdates = recorder.updates(of: bad.taskID)
            try #require(badUpdates.count == 4, "\(badUpdates)")
            #expect(badUpdates[1] == .logText(#"make-directory: creating directory "\#(root)/file.txt/sub""#))
            #expect(badUpdates[2].isLogOnly)
            let couldNot = #"make-directory: could not create directory "\#(root)/file.txt/sub": "#
            #expect(badUpdates[2].log?.hasPrefix(couldNot) == true)
            #expect(badUpdates[3].taskStatus == "failed")
            #expect(Self.failure(recorder, missing.taskID).contains(#"mandatory parameter "path" is missing"#))
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 29: an existing `dest` is renamed to `dest-<mtime, rounded to the second>` first, or `…-001`, or one past
    /// the highest numbered sibling; a missing `src` fails with a log line and touches nothing.
    @Test func moveDirectory() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(thresholds: Checklist.hardFail, recorder: recorder) { farm, baseURL in
            let root = farm.folder.appending(path: "mv").path
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = .current
            let modified = try #require(
                calendar.date(from: DateComponents(year: 2021, month: 3, day: 4, hour: 5, minute: 6, second: 7)))
            let stamp = "2021-03-04_050608"  // 05:06:07.6 rounds up
            func directory(_ name: String, containing text: String, modified: Date? = nil) throws -> String {
                let path = "\(root)/\(name)"
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                try text.write(toFile: "\(path)/payload", atomically: true, encoding: .utf8)
                if let modified { try Self.setModificationTime(path, modified, nanoseconds: 600_000_000) }
                return path
            }
            func move(_ source: String, _ destination: String) -> [CompiledCommand] {
                [Checklist.command("move-directory", ["src": .string(source), "dest": .string(destination)])]
            }
            let plain = try await Checklist.seed(farm, "plain", type: "file-management", move(
                try directory("src1", containing: "new1"),
                try directory("dest1", containing: "old1", modified: modified)))
            _ = try directory("dest2-\(stamp)", containing: "older2")
            let taken = try await Checklist.seed(farm, "taken", type: "file-management", move(
                try directory("src2", containing: "new2"),
                try directory("dest2", containing: "old2", modified: modified)))
            _ = try directory("dest3-\(stamp)", containing: "older3")
            _ = try directory("dest3-\(stamp)-002", containing: "older3b")
            _ = try directory("dest3-\(stamp)-abc", containing: "unrelated")
            let numbered = try await Checklist.seed(farm, "numbered", type: "file-management", move(
                try directory("src3", containing: "new3"),
                try directory("dest3", containing: "old3", modified: modified)))
            let missing = try await Checklist.seed(farm, "missing", type: "file-management", move(
                "\(root)/no-such-src", try directory("dest4", containing: "old4")))
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            for job in [plain, taken, numbered] {
                #expect(try await Checklist.finalStatus(of: job.job, in: farm) == .completed)
            }
            #expect(try await Checklist.finalStatus(of: missing.job, in: farm) == .failed)

            func payload(_ name: String) -> String? {
                try? String(contentsOfFile: "\(root)/\(name)/payload", encoding: .utf8)
            }
            #expect(payload("dest1") == "new1" && payload("dest1-\(stamp)") == "old1" && payload("src1") == nil)
            #expect(payload("dest2") == "new2" && payload("dest2-\(stamp)-001") == "old2")
            #expect(payload("dest2-\(stamp)") == "older2")
            #expect(payload("dest3") == "new3" && payload("dest3-\(stamp)-003") == "old3")
            #expect(payload("dest4") == "old4")
            #expect(recorder.updates(of: plain.taskID) == [
                .started,
                .logText(#"move-directory: moving "\#(root)/dest1" to "\#(root)/dest1-\#(stamp)""#),
                .logText(#"move-directory: moving "\#(root)/src1" to "\#(root)/dest1""#),
                .progress(1), .completed,
            ])
            let missingUpdates = recorder.updates(of: missing.taskID)
            #expect(missingUpdates.dropLast().last == .logText(
                #"move-directory: source path "\#(root)/no-such-src" does not exist, not moving anything"#))
            #expect(missingUpdates.last?.taskStatus == "failed")
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 30: relative paths and an existing `dest` are refused (the `dest` untouched); missing parents of `dest`
    /// are created and the bytes are copied exactly.
    @Test func copyFile() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(thresholds: Checklist.hardFail, recorder: recorder) { farm, baseURL in
            let root = farm.folder.appending(path: "cp").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            let source = "\(root)/source.bin"
            let bytes = Data((0..<200_000).map { _ in UInt8.random(in: 0...255) })
            try bytes.write(to: URL(fileURLWithPath: source))
            let existing = "\(root)/existing.bin"
            try "keep me".write(toFile: existing, atomically: true, encoding: .utf8)
            func copy(_ from: String, _ to: String) -> [CompiledCommand] {
                [Checklist.command("copy-file", ["src": .string(from), "dest": .string(to)])]
            }
            let copied = "\(root)/new/deeper/copy.bin"
            let good = try await Checklist.seed(farm, "good", type: "file-management", copy(source, copied))
            let relativeSource = try await Checklist.seed(
                farm, "relative-src", type: "file-management", copy("cp/source.bin", "\(root)/r1.bin"))
            let relativeDestination = try await Checklist.seed(
                farm, "relative-dest", type: "file-management", copy(source, "cp/r2.bin"))
            let overwrite = try await Checklist.seed(farm, "overwrite", type: "file-management", copy(source, existing))
            let noSource = try await Checklist.seed(
                farm, "no-source", type: "file-management", copy("\(root)/absent.bin", "\(root)/r3.bin"))
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await Checklist.finalStatus(of: good.job, in: farm) == .completed)
            for job in [relativeSource, relativeDestination, overwrite, noSource] {
                #expect(try await Checklist.finalStatus(of: job.job, in: farm) == .failed)
            }
            #expect(FileManager.default.contents(atPath: copied) == bytes)
            #expect(Self.isDirectory("\(root)/new/deeper"))
            #expect(recorder.updates(of: good.taskID) == [
                .started,
                .logText(#"copy-file: copying "\#(source)" to "\#(copied)""#),
                .logText(#"copy-file: copied "\#(source)" to "\#(copied)""#),
                .progress(1), .completed,
            ])
            #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
            for job in [relativeSource, relativeDestination, overwrite, noSource] {
                let updates = recorder.updates(of: job.taskID)
                #expect(updates.count == 3, "\(updates)")  // Started, the refusal logged, Failed
                #expect(updates.dropFirst().first?.log?.hasPrefix("copy-file: ") == true)
                #expect(updates.last?.taskStatus == "failed")
            }
            #expect(Self.failure(recorder, relativeSource.taskID).contains("not absolute"))
            #expect(Self.failure(recorder, relativeDestination.taskID).contains("not absolute"))
            #expect(Self.failure(recorder, overwrite.taskID).contains("exists"))
            for name in ["r1.bin", "r2.bin", "r3.bin"] {
                #expect(!FileManager.default.fileExists(atPath: "\(root)/\(name)"))
            }
            #expect(await agent.stop() == 1)
        }
    }

    /// Sets `path`'s modification time to `date` plus `nanoseconds`.
    private static func setModificationTime(_ path: String, _ date: Date, nanoseconds: Int) throws {
        let seconds = time_t(date.timeIntervalSince1970)
        var times = [timespec(tv_sec: seconds, tv_nsec: nanoseconds), timespec(tv_sec: seconds, tv_nsec: nanoseconds)]
        guard utimensat(AT_FDCWD, path, &times, 0) == 0 else { throw TestFailure("utimensat \(path): \(errno)") }
    }
}
