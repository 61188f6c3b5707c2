import Foundation
import Testing

@testable import TablaoConfig

@Suite("Configuration: defaults, tablao.yaml, TABLAO_* and flags")
struct ConfigurationLoaderTests {
    /// Writes `text` to a temporary YAML file, runs `body` with its path, then removes it.
    @discardableResult
    func withConfigFile<T>(_ text: String, _ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appending(path: "tablao-config-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    @Test func defaultsApplyWithoutAnySource() throws {
        let configuration = try ConfigurationLoader.load(file: nil, environment: [:], flags: [:])
        #expect(configuration == TablaoConfiguration())
        #expect(configuration.listen == "0.0.0.0:8080")
        #expect(configuration.taskTimeout == .seconds(600))
        #expect(configuration.workerTimeout == .seconds(60))
        #expect(configuration.blocklistThreshold == 3)
    }

    @Test func fileThenEnvironmentThenFlagsInIncreasingPrecedence() throws {
        let configuration = try withConfigFile(
            "listen: 127.0.0.1:9000\ndatabase: file.sqlite\nstorage: /srv/file\nmanager_name: From File\n"
        ) { path in
            try ConfigurationLoader.load(
                file: path, environment: ["TABLAO_DATABASE": "env.sqlite", "TABLAO_STORAGE": "/srv/env", "HOME": "/x"],
                flags: ["storage": "/srv/flag"])
        }
        #expect(configuration.listen == "127.0.0.1:9000")
        #expect(configuration.database == "env.sqlite")
        #expect(configuration.storage == "/srv/flag")
        #expect(configuration.managerName == "From File")
    }

    @Test func jobTypeScriptSettingsComeFromFileAndEnvironment() throws {
        #expect(TablaoConfiguration().jobTypesDir == "./scripts")
        #expect(TablaoConfiguration().jobCompileTimeout == .seconds(10))
        let configuration = try withConfigFile("job_types_dir: /srv/job-types\njob_compile_timeout: 30s\n") { path in
            try ConfigurationLoader.load(file: path, environment: ["TABLAO_JOB_COMPILE_TIMEOUT": "2500ms"], flags: [:])
        }
        #expect(configuration.jobTypesDir == "/srv/job-types")
        #expect(configuration.jobCompileTimeout == .milliseconds(2500))
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(file: nil, environment: ["TABLAO_JOB_COMPILE_TIMEOUT": "0"], flags: [:])
        }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(file: nil, environment: ["TABLAO_JOB_TYPES_DIR": ""], flags: [:])
        }
    }

    @Test(arguments: [
        ("90", Duration.seconds(90)), ("90s", .seconds(90)), ("10m", .seconds(600)), ("1h30m", .seconds(5400)),
        ("10m0s", .seconds(600)), ("0", .zero), ("1500ms", .milliseconds(1500)),
    ])
    func durationsAcceptSecondsAndUnits(text: String, expected: Duration) throws {
        let configuration = try ConfigurationLoader.load(file: nil, environment: ["TABLAO_TASK_TIMEOUT": text], flags: [:])
        #expect(configuration.taskTimeout == expected)
    }

    @Test func jobSizeLimitsDefaultToTheDocumentedBytesAndAreConfigurable() throws {
        let defaults = TablaoConfiguration()
        #expect(defaults.maxSettingStringBytes == 65_536)
        #expect(defaults.maxJobSettingsBytes == 1_048_576)
        #expect(defaults.maxCommandBytes == 262_144)
        #expect(defaults.maxJobCommandBytes == 67_108_864)
        let configuration = try withConfigFile("max_setting_string_bytes: 1000\nmax_job_command_bytes: 5000000\n") {
            try ConfigurationLoader.load(
                file: $0, environment: ["TABLAO_MAX_COMMAND_BYTES": "2000"], flags: ["max_job_settings_bytes": "3000"])
        }
        #expect(configuration.maxSettingStringBytes == 1000)
        #expect(configuration.maxJobCommandBytes == 5_000_000)
        #expect(configuration.maxCommandBytes == 2000)
        #expect(configuration.maxJobSettingsBytes == 3000)
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(file: nil, environment: ["TABLAO_MAX_COMMAND_BYTES": "0"], flags: [:])
        }
    }

    @Test func unknownFileKeyStopsStartUpNamingTheKey() throws {
        let error = try withConfigFile("listen: 127.0.0.1:9000\nworker_timout: 5m\n") { path in
            #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(file: path, environment: [:], flags: [:]) }
            do {
                _ = try ConfigurationLoader.load(file: path, environment: [:], flags: [:])
                return nil as ConfigurationError?
            } catch let error as ConfigurationError {
                return error
            }
        }
        #expect(error?.key == "worker_timout")
        #expect(error?.problem == "unknown setting; did you mean \"worker_timeout\"?")
    }

    /// A likely typo is answered with the nearest known key; a key like no other gets no guess.
    @Test func suggestsTheClosestKnownKey() {
        let keys = ["listen", "database", "storage", "worker_timeout", "task_timeout", "log_level"]
        #expect(KeySuggestion.closest(to: "databse", among: keys) == "database")
        #expect(KeySuggestion.closest(to: "Log-Level", among: keys) == "log_level")
        #expect(KeySuggestion.closest(to: "lisetn", among: keys) == "listen")
        #expect(KeySuggestion.closest(to: "task_timeuot", among: keys) == "task_timeout")
        #expect(KeySuggestion.closest(to: "colour", among: keys) == nil)
        #expect(KeySuggestion.unknownKeyProblem("colour", among: keys) == "unknown setting")
    }

    @Test func unknownEnvironmentVariableIsIgnoredAndReportedForAWarning() throws {
        let environment = ["TABLAO_LISTN": "x", "TABLAO_BINARY": "/bin/tablao", "TABLAO_LISTEN": "127.0.0.1:1"]
        let configuration = try ConfigurationLoader.load(file: nil, environment: environment, flags: [:])
        #expect(configuration.listen == "127.0.0.1:1")
        #expect(ConfigurationLoader.unknownEnvironmentVariables(in: environment) == ["TABLAO_BINARY", "TABLAO_LISTN"])
    }

    @Test(arguments: [
        ("TABLAO_LISTEN", "localhost"), ("TABLAO_LISTEN", "host:99999"), ("TABLAO_WORKER_TIMEOUT", "soon"),
        ("TABLAO_BLOCKLIST_THRESHOLD", "0"), ("TABLAO_LOG_LEVEL", "loud"), ("TABLAO_DATABASE_SYNCHRONOUS", "off"),
        ("TABLAO_INTEGRITY_CHECK_AT_STARTUP", "sometimes"), ("TABLAO_WAL_CHECKPOINT_INTERVAL", "0"),
    ])
    func invalidValuesNameTheirKey(variable: String, value: String) throws {
        do {
            _ = try ConfigurationLoader.load(file: nil, environment: [variable: value], flags: [:])
            Issue.record("\(variable)=\(value) was accepted")
        } catch let error as ConfigurationError {
            #expect(error.source == variable)
            #expect(variable.lowercased().hasSuffix(error.key))
        }
    }

    @Test func variablesMapPlatformsToValues() throws {
        let configuration = try withConfigFile(
            "variables:\n  blender:\n    linux: /opt/blender/blender\n    windows: C:/Blender/blender.exe\n"
        ) { path in try ConfigurationLoader.load(file: path, environment: [:], flags: [:]) }
        #expect(configuration.variables["blender"]?["linux"] == "/opt/blender/blender")
        #expect(configuration.variables["blender"]?["windows"] == "C:/Blender/blender.exe")
    }

    @Test func malformedYAMLAndNonMappingFilesAreRefused() throws {
        try withConfigFile("listen: [unclosed\n") { path in
            #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(file: path, environment: [:], flags: [:]) }
        }
        try withConfigFile("- just\n- a list\n") { path in
            #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(file: path, environment: [:], flags: [:]) }
        }
    }

    @Test func emptyValueInFileKeepsTheDefault() throws {
        let configuration = try withConfigFile("task_timeout:\n") { path in
            try ConfigurationLoader.load(file: path, environment: [:], flags: [:])
        }
        #expect(configuration.taskTimeout == .seconds(600))
    }

    @Test func missingFileIsAnError() {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(file: "/nonexistent/tablao.yaml", environment: [:], flags: [:])
        }
    }
}

@Suite("Start-up integrity check policy")
struct IntegrityCheckPolicyTests {
    @Test(arguments: [
        ("always", "always"), ("after-crash", "after-crash"), ("never", "never"), ("true", "always"),
        ("FALSE", "never"),
    ])
    func policiesAndBooleansAreAccepted(text: String, expected: String) throws {
        let configuration = try ConfigurationLoader.load(
            file: nil, environment: ["TABLAO_INTEGRITY_CHECK_AT_STARTUP": text], flags: [:])
        #expect(configuration.integrityCheckAtStartup == expected)
    }

    @Test func theDefaultChecksOnlyAfterACrash() {
        #expect(TablaoConfiguration().integrityCheckAtStartup == "after-crash")
    }
}
