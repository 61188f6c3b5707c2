import Foundation

/// Where the Manager is: `--manager`, else `TABLAO_MANAGER`, else the address `tablao serve` listens on by default.
public enum ManagerAddress {
    /// The environment variable naming the Manager.
    public static let environmentVariable = "TABLAO_MANAGER"
    /// `tablao serve` listens on port 8080 unless told otherwise.
    public static let defaultURL = "http://localhost:8080"

    /// The Manager URL to use, from an explicit option, the environment or the default.
    public static func resolve(option: String?, environment: [String: String]) -> String {
        if let option, !option.isEmpty { return normalized(option) }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            return normalized(fromEnvironment)
        }
        return defaultURL
    }

    /// `host:port` gains `http://`; trailing slashes are dropped so API paths can be appended.
    public static func normalized(_ address: String) -> String {
        var url = address.trimmingCharacters(in: .whitespaces)
        if !url.contains("://") { url = "http://" + url }
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
