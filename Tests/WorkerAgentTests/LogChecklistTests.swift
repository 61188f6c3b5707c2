import FarmModel
import Foundation
import Testing
import WorkerAgent

/// worker-agent.md §8.1 items 31 and 32: how subprocess output is chunked into log updates and split into lines.
@Suite(.serialized) struct LogChecklistTests {
    /// The log-only updates of a task, in arrival order.
    private static func chunks(_ recorder: RequestRecorder, _ taskID: String) -> [String] {
        recorder.updates(of: taskID).filter(\.isLogOnly).compactMap(\.log)
    }

    /// Item 31, size: 20 KiB printed at once are sent as soon as more than 10 240 bytes are buffered — never later,
    /// never earlier — and the rest arrives when the process exits, before "Completed".
    @Test func bigOutputIsSentOnceMoreThan10KiBAreBuffered() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            let go = farm.folder.appending(path: "go").path
            let payload = String(repeating: "x", count: 95)
            let script = "i=100; while [ $i -lt 300 ]; do echo \"$i \(payload)\"; i=$((i+1)); done; "
                + "while [ ! -e \(go) ]; do sleep 0.05; done; printf tail"
            let (job, taskID) = try await Checklist.seed(farm, [Checklist.shell(script)])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(await eventually { Self.chunks(recorder, taskID).count >= 2 })
            try await Task.sleep(for: .milliseconds(300))
            let early = Self.chunks(recorder, taskID)
            #expect(early.count == 2)  // 200 lines of ~112 bytes: two full chunks; the rest waits
            for chunk in early {
                let withoutLastLine = chunk.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
                    .dropLast().joined(separator: "\n").utf8.count + 1
                #expect(chunk.utf8.count > 10_240 && withoutLastLine <= 10_240, "chunk of \(chunk.utf8.count) bytes")
                #expect(chunk.hasSuffix("\n"))
            }
            #expect(!early.joined().contains("> 299 "))
            _ = FileManager.default.createFile(atPath: go, contents: nil)
            #expect(try await Checklist.finalStatus(of: job, in: farm) == .completed)
            let all = Self.chunks(recorder, taskID)
            #expect(all.count == 3)
            #expect(all.last?.hasSuffix(" > tail\n") == true)
            let expected = (100..<300).map { "\($0) \(payload)" } + ["tail"]
            #expect(Checklist.outputLines(all.joined()).map(\.text) == expected)
            #expect(Array(recorder.updates(of: taskID).suffix(2)) == [.progress(1), .completed])
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 31, age: a line printed more than `logChunkAge` after the previous send goes out with it; a quiet
    /// process keeps its last lines buffered (there is no timer).
    @Test func oldOutputIsSentWithTheNextLine() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            var timing = AgentHarness.fastTiming
            timing.logChunkAge = .seconds(1)
            let go = farm.folder.appending(path: "go").path
            let script = "echo A; sleep 1.5; echo B; echo C; while [ ! -e \(go) ]; do sleep 0.05; done; echo D"
            let (job, taskID) = try await Checklist.seed(farm, [Checklist.shell(script)])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome(), timing: timing)
            #expect(await eventually { !Self.chunks(recorder, taskID).isEmpty })
            let first = Self.chunks(recorder, taskID)
            #expect(first.count == 1)
            #expect(Checklist.outputLines(first.joined()).map(\.text) == ["A", "B"])
            try await Task.sleep(for: .milliseconds(1500))  // longer than logChunkAge: still nothing without output
            #expect(Self.chunks(recorder, taskID).count == 1)
            _ = FileManager.default.createFile(atPath: go, contents: nil)
            #expect(try await Checklist.finalStatus(of: job, in: farm) == .completed)
            let all = Self.chunks(recorder, taskID)
            #expect(all.count == 2)
            #expect(Checklist.outputLines(all.last ?? "").map(\.text) == ["C", "D"])
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 31, end: the unsent rest (an unterminated last line included) arrives before "Failed".
    @Test func restArrivesBeforeTheFailure() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(thresholds: Checklist.hardFail, recorder: recorder) { farm, baseURL in
            let (job, taskID) = try await Checklist.seed(
                farm, [Checklist.shell("echo first; printf 'last words'; exit 3")])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await Checklist.finalStatus(of: job, in: farm) == .failed)
            let updates = recorder.updates(of: taskID)
            try #require(updates.count == 3, "\(updates)")
            #expect(updates[0] == .started)
            #expect(updates[1].isLogOnly)
            #expect(Checklist.outputLines(updates[1].log ?? "").map(\.text) == ["first", "last words"])
            #expect(updates[2].taskStatus == "failed")
            #expect(await agent.stop() == 1)
        }
    }

    /// Item 32: a 100 KiB line comes in pieces of at most 40 960 bytes, each its own `pid=` line, never cutting a
    /// multi-byte character; `\r\n` endings are removed, a lone `\r` ends a line.
    @Test func longLinesArriveInPiecesAndCRLFIsStripped() async throws {
        let recorder = RequestRecorder()
        try await WorkerFarm.with(recorder: recorder) { farm, baseURL in
            // 102 602 bytes; byte 40 960 falls inside a "€"
            let threeByte = "xy" + String(repeating: "€", count: 34_200)
            let fourByte = "z" + String(repeating: "🎬", count: 12_000)  // 48 001 bytes; 40 960 falls inside a "🎬"
            let text = threeByte + "\n" + "crlf ending\r\n" + "pro\rgress\n" + fourByte + "\n"
            let file = farm.folder.appending(path: "output.txt")
            try Data(text.utf8).write(to: file)
            let (job, taskID) = try await Checklist.seed(farm, [Checklist.exec("/bin/cat", [.string(file.path)])])
            let agent = AgentHarness.start(baseURL: baseURL, home: farm.workerHome())
            #expect(try await Checklist.finalStatus(of: job, in: farm) == .completed)
            let log = recorder.logText(of: taskID)
            let lines = Checklist.outputLines(log)
            #expect(Set(lines.map(\.pid)).count == 1)
            let pieces = lines.map(\.text)
            #expect(pieces.allSatisfy { $0.utf8.count <= 40_960 })
            #expect(!log.contains("\u{FFFD}"))
            let crlf = try #require(pieces.firstIndex(of: "crlf ending"))
            #expect(crlf == 3)  // 102 602 bytes → three pieces
            #expect(pieces[..<crlf].joined() == threeByte)
            #expect(Array(pieces[(crlf + 1)...(crlf + 2)]) == ["pro", "gress"])  // a lone \r ends a line too
            #expect(pieces[(crlf + 3)...].joined() == fourByte)
            #expect(pieces.count == crlf + 5)  // 48 001 bytes → two pieces
            #expect(!log.contains("\r\n"))
            #expect(await agent.stop() == 1)
        }
    }
}
