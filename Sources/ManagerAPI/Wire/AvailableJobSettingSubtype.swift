/// Finer meaning of a string setting, used by the add-on to pick an editor.
public enum AvailableJobSettingSubtype: String, Codable, Hashable, Sendable, CaseIterable {
    case filePath = "file_path"
    case dirPath = "dir_path"
    case fileName = "file_name"
    case hashedFilePath = "hashed_file_path"
}
