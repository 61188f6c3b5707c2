import FarmModel
import Foundation
import Testing

@Suite("Sleep schedules (protocol.md §5.5)")
struct SleepScheduleTests {
    /// A UTC instant; 2024-05-06 is a Monday.
    static func utc(_ day: Int, _ hour: Int, _ minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: 2024, month: 5, day: day, hour: hour, minute: minute))!
    }

    static func schedule(_ days: String, _ start: String?, _ end: String?, active: Bool = true) -> SleepSchedule {
        SleepSchedule(isActive: active, daysOfWeek: days, startTime: start, endTime: end)
    }

    @Test(
        "Saving normalises days and times",
        arguments: [
            (schedule("mo tu we th fr sa su", "22:00", nil), schedule("mo tu we th fr sa su", "22:00", nil)),
            (schedule(" Fr  mo\tmo ", "9:05", "17:30"), schedule("mo fr", "09:05", "17:30")),
            (schedule("", "", " "), schedule("", nil, nil)),
            (schedule("sa", "22:00", "06:00"), schedule("sa", "06:00", "22:00")),
            (schedule("su", nil, "06:00", active: false), schedule("su", nil, "06:00", active: false)),
        ]
    )
    func normalisation(input: SleepSchedule, saved: SleepSchedule) throws {
        #expect(try input.normalized() == saved)
    }

    @Test("Unknown day names are rejected", arguments: ["xx", "monday", "mo,tu", "mo tu x"])
    func invalidDays(_ days: String) {
        #expect(throws: SleepScheduleError.self) { try Self.schedule(days, nil, nil).normalized() }
    }

    @Test(
        "Malformed times are rejected",
        arguments: ["24:00", "12:60", "ab:cd", "1230", "123:00", "12:5", "-1:00", "12:00:00"])
    func invalidTimes(_ time: String) {
        #expect(throws: SleepScheduleError.invalidTime(time)) { try Self.schedule("", time, nil).normalized() }
        #expect(throws: SleepScheduleError.invalidTime(time)) { try Self.schedule("", nil, time).normalized() }
    }

    @Test("A bad day is reported by name")
    func invalidDayIsNamed() {
        #expect(throws: SleepScheduleError.invalidDay("xx")) { try Self.schedule("mo xx", nil, nil).normalized() }
    }

    /// A schedule evaluated at a UTC instant, with the expected status.
    struct WindowCase: Sendable, CustomTestStringConvertible {
        let schedule: SleepSchedule
        let at: Date
        let expected: WorkerStatus
        let note: String
        var testDescription: String { note }
    }

    static let windows: [WindowCase] = [
        WindowCase(
            schedule: schedule("", "22:00", nil, active: false), at: utc(6, 23, 30), expected: .awake, note: "inactive"),
        WindowCase(
            schedule: schedule("", "22:00", nil), at: utc(6, 23, 30), expected: .asleep, note: "after open-ended start"),
        WindowCase(
            schedule: schedule("", "22:00", nil), at: utc(6, 22, 0), expected: .asleep, note: "start is inclusive"),
        WindowCase(schedule: schedule("", "22:00", nil), at: utc(6, 21, 59), expected: .awake, note: "before start"),
        WindowCase(
            schedule: schedule("", nil, "06:00"), at: utc(7, 5, 59), expected: .asleep, note: "before open-ended end"),
        WindowCase(schedule: schedule("", nil, "06:00"), at: utc(7, 6, 0), expected: .awake, note: "end is exclusive"),
        WindowCase(schedule: schedule("", nil, nil), at: utc(8, 13, 0), expected: .asleep, note: "no bounds: all day"),
        WindowCase(schedule: schedule("", "10:00", "10:00"), at: utc(8, 10, 0), expected: .awake, note: "empty window"),
        // Entered across midnight, the window is swapped on save: asleep by day, awake by night.
        WindowCase(
            schedule: schedule("", "22:00", "06:00"), at: utc(6, 12, 0), expected: .asleep, note: "swapped, noon"),
        WindowCase(
            schedule: schedule("", "22:00", "06:00"), at: utc(6, 23, 0), expected: .awake, note: "swapped, 23:00"),
        WindowCase(
            schedule: schedule("", "22:00", "06:00"), at: utc(7, 3, 0), expected: .awake, note: "swapped, 03:00"),
        // A night across midnight written as two schedules' halves, with the day list deciding.
        WindowCase(schedule: schedule("mo", "22:00", nil), at: utc(6, 23, 30), expected: .asleep, note: "Monday night"),
        WindowCase(
            schedule: schedule("mo", nil, "06:00"), at: utc(7, 1, 0), expected: .awake, note: "Tuesday morning, mo only"
        ),
        WindowCase(
            schedule: schedule("tu", nil, "06:00"), at: utc(7, 1, 0), expected: .asleep, note: "Tuesday morning, tu"),
        WindowCase(schedule: schedule("sa su", "09:00", "17:00"), at: utc(5, 10, 0), expected: .asleep, note: "Sunday"),
        WindowCase(schedule: schedule("sa su", "09:00", "17:00"), at: utc(6, 10, 0), expected: .awake, note: "Monday"),
        WindowCase(
            schedule: schedule("xx", nil, nil), at: utc(6, 10, 0), expected: .awake, note: "invalid stays awake"),
    ]

    @Test("The scheduled status follows the window and the day list", arguments: windows)
    func scheduledStatus(_ row: WindowCase) {
        #expect(row.schedule.scheduledStatus(at: row.at, in: TimeZone(identifier: "UTC")!) == row.expected)
    }

    @Test("The window is read in the given time zone, including its weekday")
    func timeZoneDecidesClockAndDay() {
        let plusTwo = TimeZone(secondsFromGMT: 2 * 3600)!
        let evening = Self.schedule("mo", "22:00", nil)
        #expect(evening.scheduledStatus(at: Self.utc(6, 20, 30), in: plusTwo) == .asleep)
        #expect(evening.scheduledStatus(at: Self.utc(6, 20, 30), in: TimeZone(identifier: "UTC")!) == .awake)
        // 23:30 UTC on Monday is 01:30 on Tuesday at UTC+2.
        #expect(Self.schedule("tu", nil, "06:00").scheduledStatus(at: Self.utc(6, 23, 30), in: plusTwo) == .asleep)
        #expect(Self.schedule("mo", nil, "06:00").scheduledStatus(at: Self.utc(6, 23, 30), in: plusTwo) == .awake)
    }

    @Test("Times parse to canonical text and order within a day")
    func timeOfDay() {
        #expect(TimeOfDay(parsing: "7:05")?.text == "07:05")
        #expect(TimeOfDay(parsing: "23:59")?.minutesSinceMidnight == 1439)
        #expect(TimeOfDay(hour: 24, minute: 0) == nil)
        #expect(TimeOfDay(parsing: "06:00")! < TimeOfDay(parsing: "22:00")!)
        #expect(Weekday(calendarWeekday: 1) == .sunday)
        #expect(Weekday(calendarWeekday: 2) == .monday)
        #expect(Weekday(calendarWeekday: 8) == nil)
    }
}
