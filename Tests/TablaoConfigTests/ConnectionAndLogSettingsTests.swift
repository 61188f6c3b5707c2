import Foundation
import Testing

@testable import TablaoConfig

/// The connection time-outs and bound, and the task log cap (issue 12 items 3 and 5).
@Suite struct ConnectionAndLogSettingsTests {
    @Test func defaultsCloseIdleConnectionsWithinTwoMinutesAndCapLogsAt64MiB() throws {
        let configuration = try ConfigurationLoader.load(file: nil, environment: [:], flags: [:])
        #expect(configuration.idleTimeout <= .seconds(120))
        #expect(configuration.requestReadTimeout == .seconds(60))
        #expect(configuration.maxConnections == 1000)
        #expect(configuration.taskLogMaxSize == 64 << 20)
    }

    @Test func environmentSetsEachOne() throws {
        let configuration = try ConfigurationLoader.load(
            file: nil,
            environment: [
                "TABLAO_IDLE_TIMEOUT": "90s", "TABLAO_REQUEST_READ_TIMEOUT": "15", "TABLAO_MAX_CONNECTIONS": "64",
                "TABLAO_TASK_LOG_MAX_SIZE": "512KiB",
            ], flags: [:])
        #expect(configuration.idleTimeout == .seconds(90))
        #expect(configuration.requestReadTimeout == .seconds(15))
        #expect(configuration.maxConnections == 64)
        #expect(configuration.taskLogMaxSize == 512 << 10)
    }

    @Test(arguments: [("0", 0), ("4096", 4096), ("64MiB", 64 << 20), ("2 GiB", 2 << 30), ("10m", 10 << 20), ("1KB", 1024)])
    func sizesParse(_ text: String, _ bytes: Int) {
        #expect(ByteSizeSyntax.parse(text) == bytes)
    }

    @Test(arguments: [
        ("TABLAO_TASK_LOG_MAX_SIZE", "lots"), ("TABLAO_TASK_LOG_MAX_SIZE", "-1"), ("TABLAO_MAX_CONNECTIONS", "0"),
        ("TABLAO_IDLE_TIMEOUT", "0"), ("TABLAO_REQUEST_READ_TIMEOUT", "0"),
    ])
    func invalidValuesStopStartUpNamingTheKey(_ variable: String, _ value: String) {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(file: nil, environment: [variable: value], flags: [:])
        }
    }
}
