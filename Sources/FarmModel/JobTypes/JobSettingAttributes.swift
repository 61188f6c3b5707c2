/// The value type of a job setting, as published to the submission form (protocol.md §10.1).
public enum JobSettingType: String, Sendable, Hashable, CaseIterable {
    case string, int32, float, bool
}

/// How the Blender add-on treats a string setting that holds a path or file name.
public enum JobSettingSubtype: String, Sendable, Hashable, CaseIterable {
    case filePath = "file_path"
    case dirPath = "dir_path"
    case fileName = "file_name"
    case hashedFilePath = "hashed_file_path"
}

/// Where a setting is shown: everywhere, nowhere, only in the submission form, or only in the web UI.
public enum JobSettingVisibility: String, Sendable, Hashable, CaseIterable {
    case visible, hidden, submission, web
}

/// How the add-on presents a setting's `eval` expression to the user.
public struct JobSettingEvalInfo: Sendable, Hashable {
    /// Whether the add-on shows a button that evaluates the expression on demand.
    public var showLinkButton: Bool
    /// Tooltip text explaining what the expression computes.
    public var description: String

    /// Creates the eval presentation of a setting.
    public init(showLinkButton: Bool, description: String) {
        self.showLinkButton = showLinkButton
        self.description = description
    }
}
