/// A worker tag (a "cluster" in older Flamenco versions): restricts which workers run a tagged job.
public struct WorkerTag: Sendable, Hashable {
    /// The database row ID.
    public var rowID: Int64
    /// The wire ID.
    public var id: TagID
    /// Unique name.
    public var name: String
    /// Optional description, `""` when none.
    public var description: String

    /// Creates a tag value.
    public init(rowID: Int64, id: TagID, name: String, description: String) {
        self.rowID = rowID
        self.id = id
        self.name = name
        self.description = description
    }
}
