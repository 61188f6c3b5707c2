import FarmModel
import Foundation
import ManagerAPI

/// `Sources/ManagerAPI/OpenAPI/openapi3.json`, read from the source tree, with a checker that compares encoded
/// DTOs against its schemas.
struct OpenAPIDocument {
    let root: JSONValue

    /// Finds the document relative to this file, following symlinks so that a scratch package that links the
    /// test folder still reads the real tree.
    static let fileURL: URL = URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()
        .deletingLastPathComponent()  // Wire
        .deletingLastPathComponent()  // ManagerAPITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Sources/ManagerAPI/OpenAPI/openapi3.json")

    static func load() throws -> OpenAPIDocument {
        OpenAPIDocument(root: try WireTestSupport.parse(Data(contentsOf: fileURL)))
    }

    var schemas: [String: JSONValue] { root["components"]["schemas"].objectValue ?? [:] }

    /// Every operation as (path, method, operation object).
    var operations: [(path: String, method: String, operation: JSONValue)] {
        (root["paths"].objectValue ?? [:]).flatMap { path, item in
            (item.objectValue ?? [:]).map { (path: path, method: $0.key, operation: $0.value) }
        }
    }

    /// Problems found when `value` is checked against the schema called `name`; empty when it conforms.
    ///
    /// Undeclared properties, missing required ones, `null`, wrong JSON types, unknown enum values and malformed
    /// `uuid`/`date-time` strings are all problems. With `requireAll`, every declared property of every object
    /// must be present too (for fully populated samples).
    func problems(in value: JSONValue, schema name: String, requireAll: Bool) -> [String] {
        var found: [String] = []
        check(
            value, against: .object(["$ref": .string("#/components/schemas/\(name)")]), at: name,
            requireAll: requireAll, into: &found)
        return found
    }

    private func check(
        _ value: JSONValue, against schema: JSONValue, at path: String, requireAll: Bool, into found: inout [String]
    ) {
        if case .string(let reference) = schema["$ref"] {
            let name = String(reference.dropFirst("#/components/schemas/".count))
            guard let target = schemas[name] else { return found.append("\(path): unresolved \(reference)") }
            return check(value, against: target, at: path, requireAll: requireAll, into: &found)
        }
        if case .null = value { return found.append("\(path): null") }
        switch schema["type"].stringValue {
        case "object":
            guard case .object(let members) = value else { return found.append("\(path): expected an object") }
            if let properties = schema["properties"].objectValue {
                let declared = Set(properties.keys)
                let present = Set(members.keys)
                let required = Set((schema["required"].arrayValue ?? []).compactMap(\.stringValue))
                for key in present.subtracting(declared).sorted() { found.append("\(path).\(key): not in schema") }
                for key in required.subtracting(present).sorted() { found.append("\(path).\(key): required, missing") }
                if requireAll {
                    for key in declared.subtracting(present).sorted() { found.append("\(path).\(key): not populated") }
                }
                for (key, member) in members {
                    if let property = properties[key] {
                        check(member, against: property, at: "\(path).\(key)", requireAll: requireAll, into: &found)
                    }
                }
            } else if let valueSchema = schema["additionalProperties"].objectValue {
                for (key, member) in members {
                    check(
                        member, against: .object(valueSchema), at: "\(path).\(key)", requireAll: requireAll,
                        into: &found)
                }
            }
        case "array":
            guard case .array(let items) = value else { return found.append("\(path): expected an array") }
            for (index, item) in items.enumerated() {
                check(item, against: schema["items"], at: "\(path)[\(index)]", requireAll: requireAll, into: &found)
            }
        case "string":
            guard case .string(let text) = value else { return found.append("\(path): expected a string") }
            if let allowed = schema["enum"].arrayValue, !allowed.contains(.string(text)) {
                found.append("\(path): \"\(text)\" not in enum")
            }
            switch schema["format"].stringValue {
            case "uuid" where WorkerID(validating: text) == nil: found.append("\(path): not a UUID")
            case "date-time" where WireDate.date(from: text) == nil: found.append("\(path): not a date-time")
            default: break
            }
        case "integer":
            guard case .int = value else { return found.append("\(path): expected an integer") }
        case "number":
            switch value {
            case .int, .double: break
            default: found.append("\(path): expected a number")
            }
        case "boolean":
            guard case .bool = value else { return found.append("\(path): expected a boolean") }
        default:
            break  // `{}`: any JSON value
        }
    }
}

extension JSONValue {
    /// The member `key` of an object, or `.null`.
    subscript(key: String) -> JSONValue {
        if case .object(let members) = self, let member = members[key] { member } else { .null }
    }

    var objectValue: [String: JSONValue]? { if case .object(let members) = self { members } else { nil } }
    var arrayValue: [JSONValue]? { if case .array(let items) = self { items } else { nil } }
}
