import Foundation

/// One `--setting key=value` argument, split at the first `=` (the value may contain more).
public struct SettingArgument: Equatable, Sendable {
    /// The setting's key.
    public let key: String
    /// The value as typed, not yet converted to the setting's type.
    public let text: String

    /// Splits `argument`; a missing `=` or an empty key is refused.
    public init(parsing argument: String) throws(SubmissionError) {
        guard let equals = argument.firstIndex(of: "=") else { throw .malformedSetting(argument) }
        let key = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw .malformedSetting(argument) }
        self.key = key
        self.text = String(argument[argument.index(after: equals)...])
    }
}
