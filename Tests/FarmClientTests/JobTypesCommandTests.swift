import Foundation
import Testing

/// `tablao job-types` and `tablao job-types NAME` against a live in-process Manager.
@Suite struct JobTypesCommandTests {
    @Test func listsTheJobTypes() async throws {
        try await ClientFarm.with { farm in
            let run = try await TablaoProcess.run(["job-types", "--manager", farm.baseURL])
            #expect(run.status == 0, "\(run.standardError)")
            let lines = run.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("NAME ") == true)
            #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
                == ["echo-sleep-test", "simple-blender-render"])
            #expect(lines.contains { $0.hasPrefix("echo-sleep-test") && $0.contains("3 (1 required)") }, "\(lines)")
        }
    }

    /// Each setting with its type, default, choices, requiredness and description; `render_output_path`, which the
    /// Manager cannot do without, is required.
    @Test func showsOneTypesSettings() async throws {
        try await ClientFarm.with { farm in
            let run = try await TablaoProcess.run(["job-types", "simple-blender-render", "--manager", farm.baseURL])
            #expect(run.status == 0, "\(run.standardError)")
            let lines = run.standardOutput.split(separator: "\n").map(String.init)
            let header = try #require(lines.first { $0.hasPrefix("KEY ") })
            #expect(header.split(separator: " ", omittingEmptySubsequences: true)
                == ["KEY", "TYPE", "DEFAULT", "CHOICES", "REQUIRED", "DESCRIPTION"])
            func row(_ key: String) -> [String] {
                let line = lines.first { $0.hasPrefix(key + " ") } ?? ""
                return line.split(separator: "  ", omittingEmptySubsequences: true)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
            }
            #expect(Array(row("chunk_size").prefix(5)) == ["chunk_size", "int32", "1", "-", "no"])
            #expect(Array(row("render_output_path").prefix(5)) == ["render_output_path", "string", "-", "-", "yes"])
            #expect(Array(row("frames").prefix(5)) == ["frames", "string", "-", "-", "yes"])
            #expect(row("frames").last?.hasPrefix("Frames to render") == true)
        }
    }

    @Test func unknownTypeNamesTheKnownOnes() async throws {
        try await ClientFarm.with { farm in
            let run = try await TablaoProcess.run(["job-types", "simple-blender", "--manager", farm.baseURL])
            #expect(run.status == 1)
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError == "tablao job-types: the Manager has no job type \"simple-blender\"; it has: "
                + "echo-sleep-test, simple-blender-render\n")
        }
    }
}
