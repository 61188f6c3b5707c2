import Foundation
import PackagePlugin

/// Embeds data files into a target as Swift source at build time.
///
/// `Storage` gets the top-level `migrations/*.sql` (the schema's single history) as `EmbeddedMigrations`;
/// `ManagerAPI` gets its `OpenAPI/*.json` as `EmbeddedOpenAPI`.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let (folder, suffix, typeName): (URL, String, String)
        switch target.name {
        case "Storage":
            (folder, suffix, typeName) = (context.package.directoryURL.appending(path: "migrations"), ".sql", "EmbeddedMigrations")
        case "ManagerAPI":
            (folder, suffix, typeName) = (target.directoryURL.appending(path: "OpenAPI"), ".json", "EmbeddedOpenAPI")
        default:
            return []
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path())
            .filter { $0.hasSuffix(suffix) }
            .sorted()
        let inputs = names.map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "\(typeName).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) file(s) as \(typeName)",
                executable: try context.tool(named: "EmbedFilesTool").url,
                arguments: [output.path(), typeName] + inputs.map { $0.path() },
                // The files only: a new or removed file changes the arguments, which reruns the command anyway, while
                // the folder as an input made any change of its timestamp rerun it.
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
