import ArgumentParser
import FarmClient
import Foundation

/// `tablao submit`: submit a job through the jobs API and print its ID.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a job to a Manager and print its ID.",
        discussion: """
            Settings are checked against the job type the Manager publishes (GET /api/v3/jobs/types) before \
            anything is submitted; settings left out take the type's defaults. Example: \
            tablao submit --type echo-sleep-test --setting message=hello --setting sleep_repeats=3
            """)

    @OptionGroup var managerOption: ManagerOption
    @Option(name: .long, help: "Job type, e.g. echo-sleep-test or simple-blender-render.") var type: String
    @Option(name: .long, help: "Job name (default: the job type).") var name: String?
    @Option(name: .long, help: "Job priority, 0–100.") var priority = 50
    @Option(name: .customLong("setting"), help: "A job setting as key=value; repeat for each setting.")
    var settings: [String] = []

    func validate() throws {
        guard (0...100).contains(priority) else { throw ValidationError("--priority must be between 0 and 100") }
    }

    func run() async throws {
        let order = JobOrder(
            type: type, name: name ?? type, priority: priority, settingArguments: settings,
            metadata: JobOrder.defaultMetadata(environment: ProcessInfo.processInfo.environment))
        do {
            let job = try await JobSubmitter(client: managerOption.client).submit(order)
            print(job.id)
        } catch {
            throw failCommand("submit", error)
        }
    }
}
