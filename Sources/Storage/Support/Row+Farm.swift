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

    /// A JSON object column read with ``JSONValueParser``, which refuses (rather than overflowing the stack on)
    /// values nested more than 512 levels deep.
    func jsonObject(_ column: String) throws -> [String: JSONValue] {
        let text: String = try get(column)
        guard case .object(let members)? = try? JSONValueParser.parse(text) else {
            throw StorageError.invalidStoredValue(column: column, value: String(text.prefix(80)))
        }
        return members
    }

    /// A JSON array of strings; the common form without escapes is split directly, anything else goes through
    /// `JSONDecoder` (read on every worker request, so the fast path matters).
    func stringArray(_ column: String) throws -> [String] {
        let text: String = try get(column)
        if let fast = Self.plainStringArray(text) { return fast }
        return try json(column, as: [String].self)
    }

    /// `["a","b"]` (no backslashes, no quotes inside, no whitespace) parsed without a JSON decoder; nil otherwise.
    static func plainStringArray(_ text: String) -> [String]? {
        guard text.utf8.first == UInt8(ascii: "["), text.utf8.last == UInt8(ascii: "]"),
            !text.utf8.contains(UInt8(ascii: "\\"))
        else { return nil }
        let inner = text.utf8.dropFirst().dropLast()
        if inner.isEmpty { return [] }
        var items: [String] = []
        for piece in inner.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            guard piece.count >= 2, piece.first == UInt8(ascii: "\""), piece.last == UInt8(ascii: "\""),
                !piece.dropFirst().dropLast().contains(UInt8(ascii: "\""))
            else { return nil }
            items.append(String(decoding: piece.dropFirst().dropLast(), as: UTF8.self))
        }
        return items
    }

    /// An ID column.
    func id<ID: FarmIdentifier>(_ column: String, as type: ID.Type) throws -> ID {
        ID(unchecked: try get(column, as: String.self))
    }
}
