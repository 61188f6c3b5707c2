import ArgumentParser
import FarmClient

/// `tablao job-types [NAME]`: the Manager's job types, or one type's settings, before submitting.
struct JobTypesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job-types",
        abstract: "List a Manager's job types, or show one type's settings.",
        discussion: """
            Without NAME: one line per job type. With NAME: each setting's key, type, default, choices, whether a \
            submission must give it, and its description — what `tablao submit --type NAME --setting key=value` takes.
            """)

    @OptionGroup var managerOption: ManagerOption
    @Argument(help: "A job type's name, e.g. simple-blender-render.") var name: String?
    @Flag(name: .long, help: "Print the Manager's JSON answer (every job type) unchanged.") var json = false

    func run() async throws {
        let client = managerOption.client
        do {
            if json {
                printRaw(try await client.jobTypesJSON())
                return
            }
            let catalog = try await client.jobTypes()
            guard let name else {
                print(JobTypeTable.list(catalog).rendered, terminator: "")
                return
            }
            guard let type = catalog.type(named: name) else {
                let known = catalog.jobTypes.map(\.name).joined(separator: ", ")
                throw failCommand("job-types", "the Manager has no job type \"\(name)\"; it has: \(known)")
            }
            if let description = type.description, !description.isEmpty { print("\(type.name): \(description)\n") }
            print(JobTypeTable.settings(of: type).rendered, terminator: "")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw failCommand("job-types", error)
        }
    }
}
