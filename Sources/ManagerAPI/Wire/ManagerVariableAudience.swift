/// Who a variable value or storage location is resolved for.
public enum ManagerVariableAudience: String, Codable, Hashable, Sendable, CaseIterable {
    case users
    case workers
}
