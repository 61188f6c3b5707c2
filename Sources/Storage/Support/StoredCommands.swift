import FarmModel
import Foundation

/// The `tasks.commands` column: written and read without `JSONEncoder`/`JSONDecoder` (hot paths read it on every
/// assignment, submission writes it 10,000 times).
public enum StoredCommands {
    /// The column's text for `commands`: `[{"name":…,"parameters":{…},"total_step_count":N},…]` with sorted keys,
    /// written without an encoder.
    public static func text(_ commands: [CompiledCommand]) -> String {
        text(joining: commands.map(text(of:)))
    }

    /// The JSON text of one command, as an element of the column's array.
    public static func text(of command: CompiledCommand) -> String {
        JSONValue.object([
            "name": .string(command.name), "parameters": .object(command.parameters),
            "total_step_count": .int(Int64(command.totalStepCount)),
        ]).jsonText()
    }

    /// The column's text for commands already written by ``text(of:)``, in order.
    public static func text(joining commandTexts: [String]) -> String {
        "[" + commandTexts.joined(separator: ",") + "]"
    }

    /// The commands in `json` (the column's text), read with ``JSONValueParser`` (assignments read them every time).
    public static func decode(_ json: String) throws -> [CompiledCommand] {
        if json == "[]" { return [] }
        let invalid = StorageError.invalidStoredValue(column: "commands", value: String(json.prefix(80)))
        guard case .array(let elements) = try? JSONValueParser.parse(json) else { throw invalid }
        return try elements.map { element in
            guard case .object(let fields) = element, case .string(let name)? = fields["name"],
                case .object(let parameters)? = fields["parameters"], case .int(let steps)? = fields["total_step_count"]
            else { throw invalid }
            return CompiledCommand(name: name, parameters: parameters, totalStepCount: Int(steps))
        }
    }
}
