import Foundation

/// One configurable key: its YAML name, environment variable, and how to apply a textual or YAML value.
struct ConfigurationKey: Sendable {
    let name: String
    let apply: @Sendable (inout TablaoConfiguration, ConfigurationValue) throws(ConfigurationProblem) -> Void

    /// `TABLAO_` + the key in upper case.
    var environmentVariable: String { "TABLAO_" + name.uppercased() }

    static let all: [ConfigurationKey] = [
        string("listen") { config, value throws(ConfigurationProblem) in
            guard ListenAddressSyntax.isValid(value) else { throw .init("must be HOST:PORT with a port 0–65535") }
            config.listen = value
        },
        string("database") { config, value throws(ConfigurationProblem) in config.database = try nonEmpty(value) },
        string("storage") { config, value throws(ConfigurationProblem) in config.storage = try nonEmpty(value) },
        string("log_level") { config, value throws(ConfigurationProblem) in
            config.logLevel = try oneOf(value, ["trace", "debug", "info", "notice", "warning", "error", "critical"])
        },
        string("database_synchronous") { config, value throws(ConfigurationProblem) in
            config.databaseSynchronous = try oneOf(value.lowercased(), ["normal", "full"])
        },
        duration("task_timeout") { $0.taskTimeout = $1 },
        duration("worker_timeout") { $0.workerTimeout = $1 },
        integer("blocklist_threshold", minimum: 1) { $0.blocklistThreshold = $1 },
        integer("task_fail_after_softfail_count", minimum: 1) { $0.taskFailAfterSoftfailCount = $1 },
        string("integrity_check_at_startup") { config, value throws(ConfigurationProblem) in
            // true/false read as always/never.
            let normalized = ["true": "always", "false": "never"][value.lowercased()] ?? value.lowercased()
            config.integrityCheckAtStartup = try oneOf(normalized, ["always", "after-crash", "never"])
        },
        duration("integrity_check_interval") { $0.integrityCheckInterval = $1 },
        duration("wal_checkpoint_interval", allowZero: false) { $0.walCheckpointInterval = $1 },
        duration("timeout_check_interval", allowZero: false) { $0.timeoutCheckInterval = $1 },
        duration("timeout_check_initial_delay") { $0.timeoutCheckInitialDelay = $1 },
        integer("max_setting_string_bytes", minimum: 1) { $0.maxSettingStringBytes = $1 },
        integer("max_job_settings_bytes", minimum: 1) { $0.maxJobSettingsBytes = $1 },
        integer("max_command_bytes", minimum: 1) { $0.maxCommandBytes = $1 },
        integer("max_job_command_bytes", minimum: 1) { $0.maxJobCommandBytes = $1 },
        string("manager_name") { config, value throws(ConfigurationProblem) in config.managerName = try nonEmpty(value) },
        string("shared_storage_path") { config, value throws(ConfigurationProblem) in
            config.sharedStoragePath = try nonEmpty(value)
        },
        duration("idle_timeout", allowZero: false) { $0.idleTimeout = $1 },
        duration("request_read_timeout", allowZero: false) { $0.requestReadTimeout = $1 },
        integer("max_connections", minimum: 1) { $0.maxConnections = $1 },
        ConfigurationKey(name: "task_log_max_size") { config, value throws(ConfigurationProblem) in
            guard let size = ByteSizeSyntax.parse(try value.text()) else {
                throw .init("must be a size such as 64MiB, 512KiB or a number of bytes; 0 for no limit")
            }
            config.taskLogMaxSize = size
        },
        string("job_types_dir") { config, value throws(ConfigurationProblem) in config.jobTypesDir = try nonEmpty(value) },
        duration("job_compile_timeout", allowZero: false) { $0.jobCompileTimeout = $1 },
        ConfigurationKey(name: "variables") { config, value throws(ConfigurationProblem) in
            config.variables = try value.variables()
        },
    ]

    static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    static func string(
        _ name: String, _ set: @escaping @Sendable (inout TablaoConfiguration, String) throws(ConfigurationProblem) -> Void
    ) -> ConfigurationKey {
        ConfigurationKey(name: name) { config, value throws(ConfigurationProblem) in try set(&config, try value.text()) }
    }

    static func integer(
        _ name: String, minimum: Int, _ set: @escaping @Sendable (inout TablaoConfiguration, Int) -> Void
    ) -> ConfigurationKey {
        ConfigurationKey(name: name) { config, value throws(ConfigurationProblem) in
            guard let number = Int(try value.text()), number >= minimum else {
                throw .init("must be a whole number of at least \(minimum)")
            }
            set(&config, number)
        }
    }

    static func boolean(_ name: String, _ set: @escaping @Sendable (inout TablaoConfiguration, Bool) -> Void)
        -> ConfigurationKey
    {
        ConfigurationKey(name: name) { config, value throws(ConfigurationProblem) in
            switch try value.text().lowercased() {
            case "true", "yes", "on", "1": set(&config, true)
            case "false", "no", "off", "0": set(&config, false)
            default: throw .init("must be true or false")
            }
        }
    }

    static func duration(
        _ name: String, allowZero: Bool = true, _ set: @escaping @Sendable (inout TablaoConfiguration, Duration) -> Void
    ) -> ConfigurationKey {
        ConfigurationKey(name: name) { config, value throws(ConfigurationProblem) in
            guard let duration = DurationSyntax.parse(try value.text()), allowZero || duration > .zero else {
                throw .init("must be a duration such as 90s, 10m, 1h30m or a number of seconds" + (allowZero ? "" : ", not 0"))
            }
            set(&config, duration)
        }
    }

    static func nonEmpty(_ value: String) throws(ConfigurationProblem) -> String {
        guard !value.isEmpty else { throw .init("must not be empty") }
        return value
    }

    static func oneOf(_ value: String, _ allowed: [String]) throws(ConfigurationProblem) -> String {
        guard allowed.contains(value) else { throw .init("must be one of \(allowed.joined(separator: ", "))") }
        return value
    }
}

/// The problem with one value, before the key and source are attached.
struct ConfigurationProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
