import ArgumentParser
import Foundation

/// `tablao-bench seed`: writes a farm database of a given depth, to profile `tablao serve` on it by hand.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Write a seeded farm database (simple-blender-render jobs) for profiling.")

    @Option(name: .long, help: "Tasks in the farm.") var tasks: Int = 1_000_000
    @Option(name: .long, help: "Folder to write farm-<tasks>.sqlite into.") var folder: String = "."

    func run() async throws {
        let seeded = try await ScratchFarm.seed(tasks: tasks, in: URL(fileURLWithPath: folder))
        Console.line(String(format: "seeded %@ in %.1f s", seeded.path, seeded.seconds))
    }
}
