import FarmModel
import Foundation
import ManagerAPI

/// JSON helpers for wire tests: everything is compared as `JSONValue`, which keeps integers, floats and
/// booleans apart.
enum WireTestSupport {
    /// Encodes with ``WireJSON/encoder`` and reads the result back as a JSON tree.
    static func json(of value: any Encodable) throws -> JSONValue {
        try parse(WireJSON.encoder.encode(value))
    }

    /// The encoded text, for assertions on raw output.
    static func text(of value: any Encodable) throws -> String {
        String(decoding: try WireJSON.encoder.encode(value), as: UTF8.self)
    }

    static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    static func parse(_ text: String) throws -> JSONValue {
        try parse(Data(text.utf8))
    }

    /// Decodes a JSON literal with ``WireJSON/decoder``.
    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try WireJSON.decoder.decode(type, from: Data(text.utf8))
    }

    /// Whether `null` occurs anywhere in the tree.
    static func containsNull(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .array(let items): items.contains(where: containsNull)
        case .object(let members): members.values.contains(where: containsNull)
        case .bool, .int, .double, .string: false
        }
    }

    /// The member names of a JSON object, or an empty set for anything else.
    static func keys(_ value: JSONValue) -> Set<String> {
        if case .object(let members) = value { Set(members.keys) } else { [] }
    }
}
