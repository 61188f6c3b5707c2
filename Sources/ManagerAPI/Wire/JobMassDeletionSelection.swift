import Foundation

/// Body of `delete_job_mass`: which jobs to delete.
public struct JobMassDeletionSelection: Codable, Hashable, Sendable, WireRequest {
    /// Delete jobs last updated at or before this time (rounded up to whole seconds).
    public var lastUpdatedMax: Date

    /// Creates a value from its fields; optional ones default to absent.
    public init(lastUpdatedMax: Date) {
        self.lastUpdatedMax = lastUpdatedMax
    }

    enum CodingKeys: String, CodingKey {
        case lastUpdatedMax = "last_updated_max"
    }
}
