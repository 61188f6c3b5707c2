/// Where a job setting is shown: everywhere, nowhere, only in the submission form, or only in the web UI.
public enum AvailableJobSettingVisibility: String, Codable, Hashable, Sendable, CaseIterable {
    case visible
    case hidden
    case submission
    case web
}
