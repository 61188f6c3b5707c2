import FarmModel
import Foundation
import Storage

/// Worker tag management (protocol.md §10.3).
public struct WorkerTags: Sendable {
    let context: FarmContext

    /// Creates the use case.
    public init(context: FarmContext) { self.context = context }

    /// Creates a tag (a new ID when none is given); a duplicate name or ID is 409 (Flamenco answers 500).
    public func create(id: TagID?, name: String, description: String) async throws -> WorkerTag {
        try await context.database.write { tx in
            do {
                return try tx.tags.create(id: id ?? .random(), name: name, description: description)
            } catch StorageError.conflict(_, let detail) {
                throw FarmError.conflict("cannot create worker tag \"\(name)\": \(detail); choose another name or ID")
            }
        }
    }

    /// Renames a tag and, when given, replaces its description.
    public func update(_ id: TagID, name: String, description: String?) async throws {
        try await context.database.write { tx in
            guard let tag = try tx.tags.find(id) else { throw FarmError.notFound("no worker tag \(id)") }
            do {
                try tx.tags.update(rowID: tag.rowID, name: name, description: description)
            } catch StorageError.conflict(_, let detail) {
                throw FarmError.conflict("cannot rename worker tag \(id) to \"\(name)\": \(detail); choose another name")
            }
        }
    }

    /// Deletes a tag; memberships go and jobs become untagged.
    public func delete(_ id: TagID) async throws {
        try await context.database.write { tx in
            guard let tag = try tx.tags.find(id) else { throw FarmError.notFound("no worker tag \(id)") }
            try tx.tags.delete(rowID: tag.rowID)
        }
    }
}
