/// Why a submission was rejected; the HTTP layer answers 400 with `message` (protocol.md §10.1, §13 row 24).
public enum JobCompileError: Error, Sendable, Hashable {
    /// No job type has this name.
    case unknownJobType(String)
    /// A setting the job needs is absent (or null, or for some settings empty).
    case missingSetting(key: String)
    /// A setting's JSON value does not have the declared type.
    case wrongType(key: String, expected: JobSettingType)
    /// A setting has the right type but a value the job type cannot use.
    case invalidValue(key: String, reason: String)
    /// The `format` setting names a video format; `simple-blender-render` renders still images only.
    case unsupportedFormat(String)
    /// A job-type script failed: it threw, did not parse, ran too long or authored an unusable job.
    case scriptFailed(script: String, message: String)

    /// The setting at fault, if the error is about one.
    public var settingKey: String? {
        switch self {
        case .unknownJobType, .scriptFailed: nil
        case .missingSetting(let key), .wrongType(let key, _), .invalidValue(let key, _): key
        case .unsupportedFormat: "format"
        }
    }

    /// A sentence for the `Error.message` body, naming the setting at fault.
    public var message: String {
        switch self {
        case .unknownJobType(let name):
            "job type unknown: \"\(name)\""
        case .missingSetting(let key):
            "setting \"\(key)\" is required"
        case .wrongType(let key, let expected):
            "setting \"\(key)\" must be \(Self.article(for: expected))"
        case .invalidValue(let key, let reason):
            "setting \"\(key)\" is invalid: \(reason)"
        case .unsupportedFormat(let format):
            "setting \"format\" is \"\(format)\", a video format; this job type renders image sequences only"
        case .scriptFailed(let script, let message):
            "job type script \(script): \(message)"
        }
    }

    private static func article(for type: JobSettingType) -> String {
        switch type {
        case .string: "a string"
        case .int32: "an integer between \(Int32.min) and \(Int32.max)"
        case .float: "a number"
        case .bool: "a boolean"
        }
    }
}

extension JobCompileError: CustomStringConvertible {
    /// Same as `message`.
    public var description: String { message }
}
