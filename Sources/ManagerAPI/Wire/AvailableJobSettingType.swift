/// JSON type of a job setting's value.
public enum AvailableJobSettingType: String, Codable, Hashable, Sendable, CaseIterable {
    case string
    case int32
    case float
    case bool
}
