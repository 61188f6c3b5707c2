import Foundation
import Yams

/// Resolves the configuration: defaults, then `tablao.yaml`, then `TABLAO_*` environment variables, then flags.
public enum ConfigurationLoader {
    /// Loads and validates the configuration; unknown keys and invalid values throw, naming the key.
    ///
    /// - Parameters:
    ///   - file: a YAML file; nil for none.
    ///   - environment: the process environment (only `TABLAO_*` variables are read).
    ///   - flags: values from command-line flags, by YAML key name (e.g. `"listen"`).
    public static func load(file: String?, environment: [String: String], flags: [String: String]) throws
        -> TablaoConfiguration
    {
        var configuration = TablaoConfiguration()
        if let file { try applyFile(file, to: &configuration) }
        for (variable, value) in environment.sorted(by: { $0.key < $1.key }) {
            guard let key = settingKey(forEnvironmentVariable: variable) else { continue }
            try apply(key, .text(value), to: &configuration, source: variable)
        }
        for (name, value) in flags.sorted(by: { $0.key < $1.key }) {
            guard let key = ConfigurationKey.byName[name] else { preconditionFailure("flag \(name) has no key") }
            try apply(key, .text(value), to: &configuration, source: "--" + name.replacingOccurrences(of: "_", with: "-"))
        }
        return configuration
    }

    /// `TABLAO_*` variables that name no setting; `serve` warns about them (they may belong to other tools).
    public static func unknownEnvironmentVariables(in environment: [String: String]) -> [String] {
        environment.keys.filter { $0.hasPrefix("TABLAO_") && settingKey(forEnvironmentVariable: $0) == nil }.sorted()
    }

    /// The setting a `TABLAO_<KEY>` variable sets, if any (`variables` can only be set in the file).
    static func settingKey(forEnvironmentVariable variable: String) -> ConfigurationKey? {
        guard variable.hasPrefix("TABLAO_") else { return nil }
        let name = String(variable.dropFirst("TABLAO_".count)).lowercased()
        return name == "variables" ? nil : ConfigurationKey.byName[name]
    }

    static func applyFile(_ path: String, to configuration: inout TablaoConfiguration) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(key: "--config", problem: "cannot read \(path): \(error.localizedDescription)", source: path)
        }
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(key: "(file)", problem: "not valid YAML: \(error)", source: path)
        }
        guard let node else { return }
        guard let mapping = node.mapping else {
            throw ConfigurationError(key: "(file)", problem: "must be a mapping of setting: value", source: path)
        }
        for (keyNode, valueNode) in mapping {
            let name = keyNode.scalar?.string ?? "?"
            guard let key = ConfigurationKey.byName[name] else {
                throw ConfigurationError(
                    key: name, problem: KeySuggestion.unknownKeyProblem(name, among: ConfigurationKey.all.map(\.name)),
                    source: path)
            }
            // `key:` with nothing after it is YAML null: keep the default.
            if let scalar = valueNode.scalar, scalar.style == .plain, ["", "~", "null"].contains(scalar.string) { continue }
            try apply(key, .yaml(valueNode), to: &configuration, source: path)
        }
    }

    static func apply(
        _ key: ConfigurationKey, _ value: ConfigurationValue, to configuration: inout TablaoConfiguration, source: String
    ) throws {
        do {
            try key.apply(&configuration, value)
        } catch {
            throw ConfigurationError(key: key.name, problem: error.message, source: source)
        }
    }
}
