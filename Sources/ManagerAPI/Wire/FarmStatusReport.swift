/// Answer to `get_farm_status`.
public struct FarmStatusReport: Codable, Hashable, Sendable {
    /// Overall state of the farm.
    public var status: FarmStatus
    /// Tablao only (clients ignore extra keys): failures of the storage folder since start-up.
    public var tablaoStorage: FarmStorageHealth?

    /// Creates a value from its fields; optional ones default to absent.
    public init(status: FarmStatus, tablaoStorage: FarmStorageHealth? = nil) {
        self.status = status
        self.tablaoStorage = tablaoStorage
    }

    enum CodingKeys: String, CodingKey {
        case status
        case tablaoStorage = "tablao_storage"
    }
}
