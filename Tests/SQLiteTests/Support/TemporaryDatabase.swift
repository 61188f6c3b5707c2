import Foundation
import SQLite
import Testing

/// Runs `body` with a new, empty folder under the system temporary directory, removed afterwards whatever happens.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// The async form of `withTemporaryDirectory`.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

private func makeTemporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("tablao-sqlite-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// Runs `body` with a connection to a new database file in a temporary folder.
func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let connection = try Connection(path: directory.appendingPathComponent("test.sqlite").path)
        return try body(connection)
    }
}

/// SQLite result codes used by the tests (values from sqlite3.h), so the tests need only the `SQLite` module.
enum ResultCode {
    static let error: Int32 = 1
    static let constraint: Int32 = 19
    static let mismatch: Int32 = 20
    static let misuse: Int32 = 21
    static let range: Int32 = 25
    /// SQLITE_CONSTRAINT | (1 << 8)
    static let constraintCheck: Int32 = 275
    /// SQLITE_CONSTRAINT | (3 << 8)
    static let constraintForeignKey: Int32 = 787
    /// SQLITE_CONSTRAINT | (5 << 8)
    static let constraintNotNull: Int32 = 1299
    /// SQLITE_CONSTRAINT | (6 << 8)
    static let constraintPrimaryKey: Int32 = 1555
    /// SQLITE_CONSTRAINT | (8 << 8)
    static let constraintUnique: Int32 = 2067
}

/// An error thrown by test bodies on purpose.
struct IntentionalFailure: Error, Equatable {
    var tag = 0
}

extension Connection {
    /// `SELECT count(*)` of a table.
    func count(_ table: String) throws -> Int {
        try scalar("SELECT count(*) FROM \(table)", as: Int.self) ?? -1
    }
}
