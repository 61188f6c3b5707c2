import Foundation
import Testing
@testable import WorkerAgent

/// The worker's pure pieces: line splitting, quoting, URL and value formatting, configuration files.
struct PureRulesTests {
    @Test func splitsLinesAndStripsCRLF() {
        var splitter = LineSplitter()
        #expect(splitter.append(Array("one\r\ntwo\npro\rgress".utf8)) == ["one", "two", "pro"])
        #expect(splitter.finish() == ["gress"])
    }

    /// FFmpeg rewrites its progress line with `\r`: each rewrite is a log line of its own, with no `\r` left in it,
    /// also when a `\r\n` pair is split between two reads.
    @Test func carriageReturnsEndLines() {
        var splitter = LineSplitter()
        let ffmpeg = "frame=   12 fps=0.0 q=28.0 size=0kB\rframe=   24 fps=23 q=28.0 size=256kB\r"
        #expect(splitter.append(Array(ffmpeg.utf8))
            == ["frame=   12 fps=0.0 q=28.0 size=0kB", "frame=   24 fps=23 q=28.0 size=256kB"])
        #expect(splitter.append(Array("\nvideo:1kB\r".utf8)) == ["video:1kB"])
        #expect(splitter.append(Array("\ndone\r\r\n\n".utf8)) == ["done", ""])
        #expect(splitter.finish().isEmpty)
    }

    @Test func longLinesComeInPiecesWithoutCuttingCharacters() {
        var splitter = LineSplitter()
        let text = "a" + String(repeating: "é", count: 30_000)  // 60 001 bytes
        let pieces = splitter.append(Array(text.utf8)) + splitter.finish()
        #expect(pieces.count == 2)
        #expect(pieces.allSatisfy { $0.utf8.count <= LineSplitter.maximumPiece && !$0.contains("\u{FFFD}") })
        #expect(pieces.joined() == text)
    }

    @Test func quotesArgumentsForTheShell() {
        #expect(ShellQuote.line(["/bin/echo", "plain-arg_1.0", "", "two words", "it's"])
            == #"/bin/echo plain-arg_1.0 '' 'two words' 'it'"'"'s'"#)
    }

    @Test func parsesManagerURLsLeniently() throws {
        #expect(try ManagerURL.parse("farm") == "http://farm/")
        #expect(try ManagerURL.parse("farm:8080") == "http://farm:8080/")
        #expect(try ManagerURL.parse("https://proxy/flamenco") == "https://proxy/flamenco/")
        #expect(throws: WorkerError.self) { try ManagerURL.parse("http://") }
    }

    @Test func formatsValuesLikeTheGoWorker() {
        let values: [WireValue] = [.number(24), .number(0.5), .number(23.976), .bool(true), .string("x"), .null]
        #expect(values.map(\.text) == ["24", "0.5", "23.976", "true", "x", "<nil>"])
        #expect(WireValue.number(1_000_000).text == "1000000")
        #expect(GoQuote.quote("a\"b\\c\n") == #""a\"b\\c\n""#)
        #expect(SleepCommand.goDuration(0) == "0s")
        #expect(SleepCommand.goDuration(90) == "1m30s")
        #expect(SleepCommand.goDuration(7200) == "2h0m0s")
    }

    @Test func loadsFlamencoConfigurationKeys() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-worker-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appending(path: "tablao-worker.yaml").path
        try """
            manager_url: " http://farm:8080/ "
            task_types: [blender, misc]
            restart_exit_code: 47
            worker_name: render-07
            oom_score_adjust: 500
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try WorkerConfiguration.load(path: path, environment: ["TABLAO_WORKER_HOME": "/tmp/h"])
        #expect(configuration.managerURL == "http://farm:8080/")
        #expect(configuration.taskTypes == ["blender", "misc"])
        #expect(configuration.restartExitCode == 47)
        #expect(configuration.resolvedName(environment: ["TABLAO_WORKER_NAME": "env"]) == "render-07")
        #expect(configuration.credentialsPath == "/tmp/h/tablao-worker-credentials.yaml")
        var unnamed = WorkerConfiguration()
        unnamed.workerName = "  "
        #expect(unnamed.resolvedName(environment: ["FLAMENCO_WORKER_NAME": " env "]) == "env")
        try "manager_url: [unclosed".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: WorkerError.self) { try WorkerConfiguration.load(path: path, environment: [:]) }
    }

    /// A mistyped key is refused, named, with the nearest known key suggested (it used to be ignored: a typo in
    /// `worker_name` registered the worker under the host name).
    @Test func refusesUnknownConfigurationKeysWithASuggestion() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-worker-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appending(path: "tablao-worker.yaml").path
        func refusal(_ yaml: String) throws -> String {
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            do {
                _ = try WorkerConfiguration.load(path: path, environment: [:])
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        let typo = try refusal("manager_url: http://farm:8080/\nworkr_name: render-07\n")
        #expect(typo.contains("\(path): workr_name: unknown setting; did you mean \"worker_name\"?"), "\(typo)")
        let unrelated = try refusal("colour: blue\n")
        #expect(unrelated.contains("colour: unknown setting (known: manager_url, task_types"), "\(unrelated)")
        #expect(!unrelated.contains("did you mean"))
    }

    @Test func credentialsFileIsPrivateAndRoundTrips() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-worker-creds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = CredentialsFile(path: folder.appending(path: "sub/creds.yaml").path)
        #expect(file.read() == nil)
        let credentials = WorkerCredentials(workerID: "0e5b0000-0000-4000-8000-000000000001", secret: "ab")
        try file.write(credentials)
        #expect(file.read() == credentials)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(WorkerCredentials.randomSecret().count == 64)
    }
}
