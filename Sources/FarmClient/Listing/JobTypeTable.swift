import FarmModel

/// `tablao job-types`: the job types a Manager compiles, and one type's settings, as tables.
public enum JobTypeTable {
    /// One line per job type: its name, label, number of settings and how many must be given.
    public static func list(_ catalog: JobTypeCatalog) -> TextTable {
        TextTable(
            headers: ["NAME", "LABEL", "SETTINGS", "DESCRIPTION"],
            rows: catalog.jobTypes.map { type in
                let required = type.settings.filter(mustBeGiven).count
                return [type.name, type.label, "\(type.settings.count) (\(required) required)", type.description ?? ""]
            })
    }

    /// One line per setting of `type`: key, type, default, choices, whether it is required, description.
    public static func settings(of type: PublishedJobType) -> TextTable {
        TextTable(
            headers: ["KEY", "TYPE", "DEFAULT", "CHOICES", "REQUIRED", "DESCRIPTION"],
            rows: type.settings.map { setting in
                [
                    setting.key, setting.type, setting.defaultValue?.jsonText() ?? "-",
                    setting.choices.map { $0.joined(separator: ", ") } ?? "-",
                    setting.isRequired ? (setting.defaultValue == nil ? "yes" : "yes (has default)") : "no",
                    setting.description ?? "",
                ]
            })
    }

    /// Whether a submission must carry the setting: required and without a default to fall back on.
    static func mustBeGiven(_ setting: PublishedSetting) -> Bool { setting.isRequired && setting.defaultValue == nil }
}
