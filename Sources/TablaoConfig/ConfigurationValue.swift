import Foundation
import Yams

/// A raw setting value: text (environment, flags, YAML scalars) or a YAML mapping.
enum ConfigurationValue {
    case text(String)
    case yaml(Yams.Node)

    func text() throws(ConfigurationProblem) -> String {
        switch self {
        case .text(let text): return text
        case .yaml(let node):
            guard let scalar = node.scalar else { throw .init("must be a single value, not a list or mapping") }
            return scalar.string
        }
    }

    /// `variables:` as name → platform → value.
    func variables() throws(ConfigurationProblem) -> [String: [String: String]] {
        guard case .yaml(let node) = self, let mapping = node.mapping else {
            throw .init("must be a mapping of variable name to a mapping of platform to value")
        }
        var result: [String: [String: String]] = [:]
        for (nameNode, platformsNode) in mapping {
            guard let name = nameNode.scalar?.string, let platforms = platformsNode.mapping else {
                throw .init("each variable must map platform names (linux, windows, darwin) to values")
            }
            var values: [String: String] = [:]
            for (platformNode, valueNode) in platforms {
                guard let platform = platformNode.scalar?.string, let value = valueNode.scalar?.string else {
                    throw .init("variable \(nameNode.scalar?.string ?? "?") has a platform without a text value")
                }
                values[platform] = value
            }
            result[name] = values
        }
        return result
    }
}
