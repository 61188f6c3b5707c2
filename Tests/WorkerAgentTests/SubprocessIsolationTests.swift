import Foundation
import Testing
@testable import WorkerAgent

/// Subprocesses get stdin, stdout and stderr only (worker-agent.md §3.1.3, like Go's os/exec): an inherited socket
/// would keep a connection the worker closed open for as long as the render runs.
struct SubprocessIsolationTests {
    @Test func childInheritsNoSocketsOrFiles() async throws {
        try await StandInManager.with { manager in
            _ = try storeCredentials(in: manager.home())
            let taskID = newTaskID()
            manager.queue(.fetchTask, .assign(taskID: taskID, commands: [StandInCommand.exec("/bin/ls", ["/proc/self/fd"])]))
            let agent = AgentHarness.start(against: manager)
            let completed = await manager.waitFor(within: 15) { $0.json["taskStatus"] as? String == "completed" }
            #expect(await agent.stop() == 1)
            try #require(completed.count == 1)

            let log = manager.requests(.taskUpdate).compactMap { $0.string("log") }.joined()
            let listed = log.split(separator: "\n").compactMap { line in
                line.hasPrefix("pid=") ? line.range(of: " > ").map { String(line[$0.upperBound...]) } : nil
            }
            // 0–2 are the null device and the output pipe; 3 is `ls`'s own handle on the directory it lists.
            #expect(listed.sorted() == ["0", "1", "2", "3"])
        }
    }
}
