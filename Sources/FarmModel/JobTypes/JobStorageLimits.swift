/// Bounds on what one job may store, so a single submission cannot fill the disk or hold the database writer for
/// long. Defaults sit far above any real studio's jobs; the Manager's configuration can change the byte limits.
public struct JobStorageLimits: Sendable, Hashable {
    /// Levels of arrays and objects one setting's value may nest; not configurable (no job type needs more than
    /// two, and JSON coders refuse values a few hundred levels deep).
    public static let maximumNestingDepth = 32

    /// Longest string (in UTF-8 bytes) of one setting, metadata entry, key, or command parameter.
    public var maximumStringBytes: Int
    /// Largest settings plus metadata of one job, as stored JSON text.
    public var maximumSettingsBytes: Int
    /// Largest stored JSON text of one command of a task.
    public var maximumCommandBytes: Int
    /// Largest stored JSON text of all the commands of all the tasks of one job.
    public var maximumJobCommandBytes: Int

    /// Default of ``maximumStringBytes``: 64 KiB (a path or a Python expression is a few hundred bytes).
    public static let defaultStringBytes = 64 << 10
    /// Default of ``maximumSettingsBytes``: 1 MiB.
    public static let defaultSettingsBytes = 1 << 20
    /// Default of ``maximumCommandBytes``: 256 KiB.
    public static let defaultCommandBytes = 256 << 10
    /// Default of ``maximumJobCommandBytes``: 64 MiB (100,000 render tasks of 640 bytes each fit; a job that size
    /// holds the writer about a second while its rows are inserted).
    public static let defaultJobCommandBytes = 64 << 20

    /// Limits with the given values, each defaulting to the constant above.
    public init(
        maximumStringBytes: Int = defaultStringBytes, maximumSettingsBytes: Int = defaultSettingsBytes,
        maximumCommandBytes: Int = defaultCommandBytes, maximumJobCommandBytes: Int = defaultJobCommandBytes
    ) {
        self.maximumStringBytes = maximumStringBytes
        self.maximumSettingsBytes = maximumSettingsBytes
        self.maximumCommandBytes = maximumCommandBytes
        self.maximumJobCommandBytes = maximumJobCommandBytes
    }

    /// The defaults.
    public static let standard = JobStorageLimits()

    /// Checks a submission's settings and metadata before anything is compiled: nesting, each string, the total.
    public func checkSubmitted(settings: [String: JSONValue], metadata: [String: String]) throws(JobSizeError) {
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            try checkString(key, field: "settings key \"\(Self.shortened(key))\"")
            let depth = value.nestingDepth
            if depth > Self.maximumNestingDepth {
                throw .tooDeep(field: "settings.\(key)", depth: depth, limit: Self.maximumNestingDepth)
            }
            try checkStrings(in: value, field: "settings.\(key)")
        }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            try checkString(key, field: "metadata key \"\(Self.shortened(key))\"")
            try checkString(value, field: "metadata.\(key)")
        }
        try checkSettingsSize(JobSizeMeasure.bytes(of: settings) + JobSizeMeasure.bytes(of: metadata))
    }

    /// Checks the stored size of settings plus metadata.
    public func checkSettingsSize(_ bytes: Int) throws(JobSizeError) {
        if bytes > maximumSettingsBytes {
            throw .tooLarge(
                what: "settings and metadata together", bytes: bytes, limit: maximumSettingsBytes,
                setting: "max_job_settings_bytes")
        }
    }

    /// Checks one command's parameters (each string) and its stored text's length.
    public func checkCommand(_ command: CompiledCommand, textBytes: Int, task: String) throws(JobSizeError) {
        let field = "parameters of command \(command.name) in task \(task)"
        for (key, value) in command.parameters {
            try checkStrings(in: value, field: "\(field), \(key)")
        }
        if textBytes > maximumCommandBytes {
            throw .tooLarge(
                what: "command \(command.name) of task \(task)", bytes: textBytes, limit: maximumCommandBytes,
                setting: "max_command_bytes")
        }
    }

    /// Checks the running total of a job's stored command text.
    public func checkJobCommands(_ bytes: Int, tasksSoFar: Int) throws(JobSizeError) {
        if bytes > maximumJobCommandBytes {
            throw .tooLarge(
                what: "the commands of the job's first \(tasksSoFar) tasks", bytes: bytes,
                limit: maximumJobCommandBytes, setting: "max_job_command_bytes")
        }
    }

    /// A key short enough to quote in a message.
    private static func shortened(_ key: String) -> String { key.count > 40 ? String(key.prefix(40)) + "…" : key }

    private func checkString(_ text: String, field: @autoclosure () -> String) throws(JobSizeError) {
        let bytes = text.utf8.count
        if bytes > maximumStringBytes {
            throw .tooLarge(what: field(), bytes: bytes, limit: maximumStringBytes, setting: "max_setting_string_bytes")
        }
    }

    /// Every string and key in `value`, iteratively (the value's depth was checked, but stored values may not be).
    private func checkStrings(in value: JSONValue, field: String) throws(JobSizeError) {
        var pending = [value]
        while let next = pending.popLast() {
            switch next {
            case .string(let text): try checkString(text, field: field)
            case .array(let elements): pending.append(contentsOf: elements)
            case .object(let members):
                for (key, member) in members {
                    try checkString(key, field: "a key in \(field)")
                    pending.append(member)
                }
            case .null, .bool, .int, .double: break
            }
        }
    }
}

/// Why a job is too big to store; the API answers 400 with ``message``.
public enum JobSizeError: Error, Sendable, Hashable {
    /// A setting's value nests arrays and objects deeper than allowed.
    case tooDeep(field: String, depth: Int, limit: Int)
    /// A string, command or total exceeds its byte limit, configurable as `setting`.
    case tooLarge(what: String, bytes: Int, limit: Int, setting: String)

    /// A sentence naming the field, the limit and what to do.
    public var message: String {
        switch self {
        case .tooDeep(let field, let depth, let limit):
            "\(field) nests arrays and objects \(depth) levels deep; at most \(limit) levels are allowed. "
                + "Flatten the value or leave it out."
        case .tooLarge(let what, let bytes, let limit, let setting):
            "\(what): \(bytes) bytes, over the limit of \(limit) bytes (\(setting) in the Manager's configuration). "
                + "Make it smaller, or ask the Manager's operator to raise \(setting)."
        }
    }
}

/// Byte sizes of values as the database stores them.
public enum JobSizeMeasure {
    /// UTF-8 bytes of the stored JSON text of `settings`.
    public static func bytes(of settings: [String: JSONValue]) -> Int { JSONValue.object(settings).jsonText().utf8.count }

    /// UTF-8 bytes of the stored JSON text of `metadata`.
    public static func bytes(of metadata: [String: String]) -> Int {
        JSONValue.object(metadata.mapValues(JSONValue.string)).jsonText().utf8.count
    }
}
