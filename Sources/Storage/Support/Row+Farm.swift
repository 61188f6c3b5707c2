import FarmModel
import Foundation
import SQLite

extension Row {
    /// A status column decoded into its enum.
    func status<S: RawRepresentable>(_ column: String, as type: S.Type) throws -> S where S.RawValue == String {
        let text: String = try get(column)
        guard let value = S(rawValue: text) else { throw StorageError.invalidStoredValue(column: column, value: text) }
        return value
    }

    /// A nullable timestamp column.
    func date(_ column: String) throws -> Date? {
        guard let text = try get(column, as: String?.self) else { return nil }
        guard let date = Timestamp.date(from: text) else {
            throw StorageError.invalidStoredValue(column: column, value: text)
        }
        return date
    }

    /// A non-null timestamp column.
    func requiredDate(_ column: String) throws -> Date {
        guard let date = try date(column) else { throw StorageError.invalidStoredValue(column: column, value: "NULL") }
        return date
    }

    /// A JSON text column decoded into `T`.
    func json<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
        let text: String = try get(column)
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StorageError.invalidStoredValue(column: column, value: String(text.prefix(80)))
        }
    }

    /// An ID column.
    func id<ID: FarmIdentifier>(_ column: String, as type: ID.Type) throws -> ID {
        ID(unchecked: try get(column, as: String.self))
    }
}

/// JSON text for storage: compact, sorted keys, slashes unescaped (reads well in sqlite3).
enum StoredJSON {
    static func text<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain Codable values of our own types cannot fail.
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }
}

/// The stored JSON form of a task command.
struct StoredCommand: Codable {
    var name: String
    var parameters: [String: JSONValue]
    var totalStepCount: Int

    enum CodingKeys: String, CodingKey {
        case name, parameters
        case totalStepCount = "total_step_count"
    }

    init(_ command: CompiledCommand) {
        name = command.name
        parameters = command.parameters
        totalStepCount = command.totalStepCount
    }

    var command: CompiledCommand { CompiledCommand(name: name, parameters: parameters, totalStepCount: totalStepCount) }
}
