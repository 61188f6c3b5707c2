import ArgumentParser
import FarmClient

/// `tablao jobs`: list the Manager's jobs.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "List a Manager's jobs with their status and progress.")

    @OptionGroup var managerOption: ManagerOption
    @Flag(name: .long, help: "Print the Manager's JSON answer unchanged.") var json = false

    func run() async throws {
        let client = managerOption.client
        do {
            if json {
                printRaw(try await client.jobsJSON())
            } else {
                print(try await FarmListing(client: client).jobsTable().rendered, terminator: "")
            }
        } catch {
            throw failCommand("jobs", error)
        }
    }
}
