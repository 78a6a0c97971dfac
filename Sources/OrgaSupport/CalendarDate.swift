/// A day of the proleptic Gregorian calendar, stored as a day number (days since
/// 1970-01-01), so that comparing, counting days and stepping through a period is
/// integer arithmetic. Dated values, ramp-up, deployments, projects and milestones all
/// compute with it; nothing in orgc reads the clock or a time zone.
///
/// Conversions use the days-from-civil algorithm (eras of 400 years, 146,097 days),
/// exact for every year 0…9999 that the lexer can produce (`YYYY-MM-DD`).
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// The date, or nil when it is not in the calendar (2023-02-29, month 13, year < 0).
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 0, year <= 9999, month >= 1, month <= 12, day >= 1,
              day <= CalendarDate.daysIn(month: month, of: year) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        dayNumber = era * 146_097 + dayOfEra - 719_468
    }

    /// Parses `YYYY-MM-DD` exactly (ten ASCII bytes); nil otherwise.
    public init?(iso text: some StringProtocol) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                v = v * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return v
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Year, month (1–12) and day (1–31).
    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    public var year: Int { components.year }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// `2022-03-02`: JSON, CSV and the source language.
    public var iso: String {
        let (y, m, d) = components
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// `02.03.2022`: German reports.
    public var german: String {
        let (y, m, d) = components
        return pad(d, 2) + "." + pad(m, 2) + "." + pad(y, 4)
    }

    /// As a reader of `language` writes it: German `02.03.2022`, English ISO `2022-03-02`.
    public func text(_ language: OutputLanguage) -> String { language == .de ? german : iso }

    public var description: String { iso }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber < b.dayNumber }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// 365 or 366.
    public static func daysIn(year: Int) -> Int { isLeap(year) ? 366 : 365 }

    /// Days of `month` (1–12) in `year`; 0 for a month outside 1–12.
    public static func daysIn(month: Int, of year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeap(year) ? 29 : 28
        default: 0
        }
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// A closed span of days, both ends inclusive (`period 2025-01-01..2025-06-30`; a model
/// year is 01.01.–31.12.). Empty spans do not exist: `last` is never before `first`.
public struct DateSpan: Hashable, Sendable, CustomStringConvertible {
    public let first: CalendarDate
    public let last: CalendarDate

    /// nil when `last` is before `first`.
    public init?(_ first: CalendarDate, _ last: CalendarDate) {
        guard first <= last else { return nil }
        self.first = first
        self.last = last
    }

    /// The calendar year `year` (365 or 366 days); nil for a year outside 0…9999.
    public init?(year: Int) {
        guard let a = CalendarDate(year: year, month: 1, day: 1), let b = CalendarDate(year: year, month: 12, day: 31) else { return nil }
        self.first = a
        self.last = b
    }

    /// The number of days, both ends counted.
    public var dayCount: Int { last.dayNumber - first.dayNumber + 1 }

    public func contains(_ d: CalendarDate) -> Bool { first <= d && d <= last }

    /// The days both spans share, or nil when they do not overlap.
    public func intersection(_ other: DateSpan) -> DateSpan? {
        DateSpan(Swift.max(first, other.first), Swift.min(last, other.last))
    }

    public var description: String { "\(first.iso)..\(last.iso)" }

    /// `01.01.2022–31.12.2022` (German) or `2022-01-01–2022-12-31`.
    public func text(_ language: OutputLanguage) -> String { first.text(language) + "–" + last.text(language) }
}
