import FarmModel
/// Turns `--setting key=value` arguments into a submission's `settings`, checked against the job type the Manager
/// publishes.
///
/// Like the Blender add-on, settings left out take the type's declared `default`, so the job compiles the same on
/// Flamenco's Manager (which applies no defaults) as on Tablao's; a required setting with neither a value nor a
/// default is refused.
public enum JobSettingsBuilder {
    /// The settings to submit, or the first problem found (a malformed argument, an unknown key, a duplicate,
    /// a wrong type, a value outside `choices`; then every missing required setting at once).
    public static func settings(
        for jobType: PublishedJobType, arguments: [String]
    ) throws(SubmissionError) -> [String: JSONValue] {
        var settings: [String: JSONValue] = [:]
        for argument in arguments {
            let parsed = try SettingArgument(parsing: argument)
            guard let setting = jobType.setting(parsed.key) else {
                throw .unknownSetting(key: parsed.key, jobType: jobType.name, known: jobType.settings.map(\.key))
            }
            guard settings[parsed.key] == nil else { throw .duplicateSetting(key: parsed.key) }
            settings[parsed.key] = try SettingValueParser.value(of: parsed.text, for: setting)
        }
        var missing: [String] = []
        for setting in jobType.settings where settings[setting.key] == nil {
            if let defaultValue = setting.defaultValue, defaultValue != .null {
                settings[setting.key] = defaultValue
            } else if setting.isRequired {
                missing.append(setting.key)
            }
        }
        guard missing.isEmpty else { throw .missingSettings(keys: missing, jobType: jobType.name) }
        return settings
    }
}
