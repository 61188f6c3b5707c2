import FarmModel
import SQLite

/// Worker tags and memberships.
public struct TagRepository {
    let tx: StorageTransaction
    private var db: Connection { tx.connection }

    /// Creates a tag; a duplicate name or ID (in any case) is a conflict naming the existing tag.
    public func create(id: TagID, name: String, description: String) throws -> WorkerTag {
        if let existing = try find(id) {
            throw StorageError.conflict(
                entity: "worker tag", detail: "the ID \(id) already belongs to tag \"\(existing.name)\"")
        }
        if let existing = try find(named: name) {
            throw StorageError.conflict(
                entity: "worker tag", detail: "a tag named \"\(name)\" already exists (ID \(existing.id))")
        }
        do {
            try db.execute(Self.insertSQL, .text(id.rawValue), .text(name), .text(description))
        } catch {
            throw error.isConstraintViolation
                ? StorageError.conflict(entity: "worker tag", detail: "the name \"\(name)\" or ID \(id) is taken") : error
        }
        return WorkerTag(rowID: db.lastInsertRowID, id: id, name: name, description: description)
    }

    /// A tag by wire ID, in any case (rows written before tag IDs were lower-cased may hold upper case).
    public func find(_ id: TagID) throws -> WorkerTag? {
        try db.fetchOne(Self.selectSQL + " WHERE lower(uuid) = lower(?)", .text(id.rawValue), map: Self.decode)
    }

    /// A tag by exact name.
    public func find(named name: String) throws -> WorkerTag? {
        try db.fetchOne(Self.selectSQL + " WHERE name = ?", .text(name), map: Self.decode)
    }

    /// All tags by name.
    public func list() throws -> [WorkerTag] {
        try db.fetchAll(Self.selectSQL + " ORDER BY name", map: Self.decode)
    }

    /// Renames a tag and, when given, replaces its description.
    public func update(rowID: Int64, name: String, description: String?) throws {
        if let existing = try find(named: name), existing.rowID != rowID {
            throw StorageError.conflict(
                entity: "worker tag", detail: "a tag named \"\(name)\" already exists (ID \(existing.id))")
        }
        do {
            try db.execute(Self.updateSQL, .text(name), description.map { .text($0) } ?? .null, .integer(rowID))
        } catch {
            throw error.isConstraintViolation
                ? StorageError.conflict(entity: "worker tag", detail: "the name \"\(name)\" is taken") : error
        }
    }

    /// Deletes a tag: memberships go, jobs using it become untagged.
    public func delete(rowID: Int64) throws {
        // Untag jobs explicitly so the tasks' scheduling copy follows through its trigger.
        try db.execute("UPDATE jobs SET worker_tag_id = NULL WHERE worker_tag_id = ?", .integer(rowID))
        try db.execute("DELETE FROM worker_tags WHERE id = ?", .integer(rowID))
    }

    /// The tags of a worker, by name.
    public func tags(ofWorker workerRowID: Int64) throws -> [WorkerTag] {
        try db.fetchAll(Self.membershipSQL, .integer(workerRowID), map: Self.decode)
    }

    /// Replaces a worker's memberships; unknown tag IDs are ignored.
    public func setTags(ofWorker workerRowID: Int64, to tagIDs: [TagID]) throws {
        try db.execute("DELETE FROM worker_tag_memberships WHERE worker_id = ?", .integer(workerRowID))
        for tagID in Set(tagIDs) {
            try db.execute(Self.addMembershipSQL, .integer(workerRowID), .text(tagID.rawValue))
        }
    }

    static func decode(_ row: Row) throws -> WorkerTag {
        WorkerTag(
            rowID: try row.get("id"), id: try row.id("uuid", as: TagID.self), name: try row.get("name"),
            description: try row.get("description"))
    }

    // New tag.
    static let insertSQL = "INSERT INTO worker_tags (uuid, name, description) VALUES (?, ?, ?)"
    // Columns of a WorkerTag value.
    static let selectSQL = "SELECT id, uuid, name, description FROM worker_tags"
    // Rename, optionally redescribe.
    static let updateSQL = "UPDATE worker_tags SET name = ?, description = coalesce(?, description) WHERE id = ?"
    // A worker's tags.
    static let membershipSQL = """
        SELECT g.id, g.uuid, g.name, g.description
        FROM worker_tag_memberships m JOIN worker_tags g ON g.id = m.tag_id
        WHERE m.worker_id = ? ORDER BY g.name
        """
    // Adds a membership by the tag's wire ID; nothing when the tag does not exist.
    static let addMembershipSQL = """
        INSERT INTO worker_tag_memberships (worker_id, tag_id)
        SELECT ?, id FROM worker_tags WHERE lower(uuid) = lower(?)
        """
}

extension StorageTransaction {
    /// Worker tags.
    public var tags: TagRepository { TagRepository(tx: self) }
}
