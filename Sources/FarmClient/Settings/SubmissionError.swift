/// Why a job was refused before anything was sent to the Manager; each names the setting or type at fault.
public enum SubmissionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The Manager publishes no job type of that name.
    case unknownJobType(String, available: [String])
    /// A `--setting` argument without `=` or with an empty key.
    case malformedSetting(String)
    /// The same key given twice.
    case duplicateSetting(key: String)
    /// A key the job type does not declare.
    case unknownSetting(key: String, jobType: String, known: [String])
    /// A value that does not parse as the setting's type.
    case wrongType(key: String, expected: String, value: String)
    /// A value outside the setting's `choices`.
    case notAChoice(key: String, value: String, choices: [String])
    /// Required settings given neither by the user nor by a default.
    case missingSettings(keys: [String], jobType: String)
    /// The job type declares a setting type this client does not know how to parse.
    case unsupportedSettingType(key: String, type: String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .unknownJobType(let name, let available):
            "unknown job type \"\(name)\"; the Manager has: \(available.joined(separator: ", "))"
        case .malformedSetting(let argument):
            "--setting \"\(argument)\" is not of the form key=value"
        case .duplicateSetting(let key):
            "setting \"\(key)\" is given more than once"
        case .unknownSetting(let key, let jobType, let known):
            "job type \(jobType) has no setting \"\(key)\"; its settings are: \(known.joined(separator: ", "))"
        case .wrongType(let key, let expected, let value):
            "setting \"\(key)\" must be \(expected), not \"\(value)\""
        case .notAChoice(let key, let value, let choices):
            "setting \"\(key)\" must be one of \(choices.joined(separator: ", ")), not \"\(value)\""
        case .missingSettings(let keys, let jobType):
            "job type \(jobType) requires "
                + (keys.count == 1 ? "setting" : "settings") + " "
                + keys.map { "\"\($0)\"" }.joined(separator: ", ") + " (pass --setting key=value)"
        case .unsupportedSettingType(let key, let type):
            "setting \"\(key)\" has type \"\(type)\", which tablao cannot parse from the command line"
        }
    }
}
