import Foundation
import Storage
import Testing

/// The database's timestamp text, checked against Foundation's own UTC formatting and SQLite's `strftime` form.
@Suite struct TimestampTests {
    /// Foundation's rendering of the same format, the reference the arithmetic must agree with.
    private static let reference: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        return formatter
    }()

    /// Dates across leap days, century rules, the epoch and before it.
    private static let samples: [Double] = [
        0, -1, -86_400, -86_400 * 366 - 0.25, 951_782_400, 951_868_799.999, 1_709_164_800.5, 4_107_542_400,
        1_798_761_599.123, 253_402_300_799, -2_208_988_800, 1_000_000_000.001,
    ]

    @Test(arguments: samples) func formatsLikeFoundation(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(Timestamp.string(from: date) == Self.reference.string(from: date))
    }

    @Test func formatsAndParsesEveryDayOfFourCenturiesBack() throws {
        // One sample per 7 days and 13 hours from 1601 to 2100 walks every month, weekday and leap rule.
        var seconds = -11_644_473_600.0
        while seconds < 4_102_444_800 {
            let date = Date(timeIntervalSince1970: seconds + 0.25)
            let text = Timestamp.string(from: date)
            #expect(text == Self.reference.string(from: date))
            #expect(Timestamp.date(from: text) == date)
            seconds += 7 * 86_400 + 13 * 3_600
        }
    }

    @Test(arguments: [
        ("2024-02-29 23:59:59.999", 1_709_251_199.999), ("2024-02-29 23:59:59", 1_709_251_199),
        ("2024-02-29T23:59:59.5", 1_709_251_199.5), ("1969-12-31 23:59:59.000", -1),
    ])
    func parsesSQLiteStrftimeAndSecondsOnlyForms(_ text: String, _ seconds: Double) throws {
        let parsed = try #require(Timestamp.date(from: text))
        #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.000_5)
    }

    @Test(arguments: ["", "2024-02-29", "2024-13-01 00:00:00", "2024-02-29 24:00:00", "2024-02-29 23:59:59.", "abcd-ef-gh ij:kl:mn",
        "2024/02/29 23:59:59", "2024-02-29 23:59:59.12x"])
    func refusesAnythingElse(_ text: String) {
        #expect(Timestamp.date(from: text) == nil)
    }
}
