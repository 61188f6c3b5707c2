import FarmModel
import Foundation

/// Converts typed text into the JSON value a setting's type asks for (protocol.md §10.1 `AvailableJobSetting.type`).
enum SettingValueParser {
    /// Words accepted as `true` for `bool` settings, lower-cased.
    static let trueWords: Set<String> = ["true", "yes", "on", "1"]
    /// Words accepted as `false` for `bool` settings, lower-cased.
    static let falseWords: Set<String> = ["false", "no", "off", "0"]

    /// The value of `text` for `setting`, checked against its type and its `choices`.
    static func value(of text: String, for setting: PublishedSetting) throws(SubmissionError) -> JSONValue {
        let value = try typedValue(of: text, for: setting)
        if let choices = setting.choices, !choices.isEmpty, !choices.contains(text) {
            throw .notAChoice(key: setting.key, value: text, choices: choices)
        }
        return value
    }

    private static func typedValue(
        of text: String, for setting: PublishedSetting
    ) throws(SubmissionError) -> JSONValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch setting.type {
        case "string":
            return .string(text)
        case "int32":
            guard let number = Int32(trimmed) else {
                throw .wrongType(key: setting.key, expected: "an integer (32-bit)", value: text)
            }
            return .int(Int64(number))
        case "float":
            guard let number = Double(trimmed), number.isFinite else {
                throw .wrongType(key: setting.key, expected: "a number", value: text)
            }
            return .double(number)
        case "bool":
            let word = trimmed.lowercased()
            if trueWords.contains(word) { return .bool(true) }
            if falseWords.contains(word) { return .bool(false) }
            throw .wrongType(key: setting.key, expected: "true or false", value: text)
        default:
            throw .unsupportedSettingType(key: setting.key, type: setting.type)
        }
    }
}
