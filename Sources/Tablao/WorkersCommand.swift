import ArgumentParser
import FarmClient

/// `tablao workers`: list the Manager's workers.
struct WorkersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers", abstract: "List a Manager's workers with their status, task and last contact.")

    @OptionGroup var managerOption: ManagerOption
    @Flag(name: .long, help: "Print the Manager's JSON answer unchanged.") var json = false

    func run() async throws {
        let client = managerOption.client
        do {
            if json {
                printRaw(try await client.workersJSON())
            } else {
                print(try await FarmListing(client: client).workersTable().rendered, terminator: "")
            }
        } catch {
            throw failCommand("workers", error)
        }
    }
}
