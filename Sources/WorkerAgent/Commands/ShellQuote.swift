import Foundation

/// Quotes a command line for the `going to run:` block so it can be pasted into a shell (worker-agent.md §4.2).
enum ShellQuote {
    private static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")

    /// One argument: bare when made only of safe characters, `''` when empty, else single-quoted.
    static func quote(_ argument: String) -> String {
        if argument.isEmpty { return "''" }
        if argument.allSatisfy({ safe.contains($0) }) { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\"'\"'") + "'"
    }

    /// The whole argv, space-separated.
    static func line(_ argv: [String]) -> String { argv.map(quote).joined(separator: " ") }
}
