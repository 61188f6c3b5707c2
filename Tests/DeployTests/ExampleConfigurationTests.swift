import Foundation
import Testing

@testable import TablaoConfig

/// deploy/tablao.yaml lists every setting with its default and a comment (issue 7 item 3), and stays loadable.
@Suite struct ExampleConfigurationTests {
    static let example = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "deploy/tablao.yaml")

    @Test func exampleLoadsToExactlyTheDefaults() throws {
        let loaded = try ConfigurationLoader.load(file: Self.example.path, environment: [:], flags: [:])
        #expect(loaded == TablaoConfiguration())
    }

    @Test func exampleListsEverySettingOnceWithACommentAbove() throws {
        let lines = try String(contentsOf: Self.example, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var listed: [String] = []
        for (index, line) in lines.enumerated() {
            guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            listed.append(key)
            #expect(index > 0 && lines[index - 1].hasPrefix("# "), "\(key) has no comment line above it")
        }
        #expect(listed == ConfigurationKey.all.map(\.name))
    }
}
