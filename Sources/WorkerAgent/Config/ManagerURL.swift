import Foundation

/// Lenient parsing of `--manager` (worker-agent.md §1.4): `farm` → `http://farm/`, `farm:8080` → `http://farm:8080/`.
public enum ManagerURL {
    /// The normalised base URL, ending in `/`.
    public static func parse(_ text: String) throws -> String {
        var value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !value.contains("://") { value = "http://" + value }
        guard let components = URLComponents(string: value), let scheme = components.scheme,
            let host = components.host, !host.isEmpty
        else { throw WorkerError.configuration("invalid Manager URL \"\(text)\"") }
        guard scheme == "http" || scheme == "https" else {
            throw WorkerError.configuration("unsupported scheme in Manager URL \"\(text)\"")
        }
        return value.hasSuffix("/") ? value : value + "/"
    }
}
