import Foundation

/// A free-form JSON value as found in a command's `parameters` (protocol.md §4.6).
public enum WireValue: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([WireValue])
    case object([String: WireValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([WireValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: WireValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Generic text form (worker-agent.md §3.1.1): strings as-is, numbers in shortest form, `null` as `<nil>`.
    public var text: String {
        switch self {
        case .null: return "<nil>"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return Self.shortest(value)
        case .string(let value): return value
        case .array(let values): return "[" + values.map(\.text).joined(separator: " ") + "]"
        case .object(let fields):
            let members = fields.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value.text)" }
            return "map[" + members.joined(separator: " ") + "]"
        }
    }

    /// Integral values printed plainly at any size, others in Swift's shortest round-trip form.
    static func shortest(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e18 { return String(Int64(value)) }
        return "\(value)"
    }
}
