import XCTest
@testable import OrgaSupport

/// Calendar arithmetic: day numbers against known dates, leap years, a round trip over
/// every day of four centuries, and spans.
final class CalendarDateTests: XCTestCase {
    func testKnownDayNumbers() throws {
        XCTAssertEqual(CalendarDate(year: 1970, month: 1, day: 1)?.dayNumber, 0)
        XCTAssertEqual(CalendarDate(year: 1969, month: 12, day: 31)?.dayNumber, -1)
        // 2000-03-01: 30 years × 365 + 7 leap days (72…96) + 31 + 29 = 11,017 + … ; the
        // Unix time of 2000-03-01T00:00Z is 951,868,800 s = 11,017 days.
        XCTAssertEqual(CalendarDate(year: 2000, month: 3, day: 1)?.dayNumber, 11_017)
        // 2022-09-01 is day 244 of 2022 (31+28+31+30+31+30+31+31 = 243 days before it).
        let jan1 = try XCTUnwrap(CalendarDate(year: 2022, month: 1, day: 1))
        let sep1 = try XCTUnwrap(CalendarDate(iso: "2022-09-01"))
        XCTAssertEqual(jan1.days(to: sep1), 243)
    }

    func testInvalidDates() {
        XCTAssertNil(CalendarDate(year: 2023, month: 2, day: 29))
        XCTAssertNotNil(CalendarDate(year: 2024, month: 2, day: 29))
        XCTAssertNil(CalendarDate(year: 1900, month: 2, day: 29))
        XCTAssertNotNil(CalendarDate(year: 2000, month: 2, day: 29))
        XCTAssertNil(CalendarDate(year: 2022, month: 13, day: 1))
        XCTAssertNil(CalendarDate(year: 2022, month: 4, day: 31))
        XCTAssertNil(CalendarDate(iso: "2022-4-01"))
        XCTAssertNil(CalendarDate(iso: "2022-04-0x"))
        XCTAssertNil(CalendarDate(iso: "2022-04-011"))
    }

    func testRoundTripOverFourCenturies() throws {
        var d = try XCTUnwrap(CalendarDate(year: 1800, month: 1, day: 1))
        let end = try XCTUnwrap(CalendarDate(year: 2200, month: 12, day: 31))
        var expected = (1800, 1, 1)
        while d <= end {
            let c = d.components
            XCTAssertTrue(c == expected, "\(d.dayNumber)")
            XCTAssertEqual(CalendarDate(iso: d.iso), d)
            // Next expected day by calendar rules, independent of the conversion.
            var (y, m, day) = expected
            day += 1
            if day > CalendarDate.daysIn(month: m, of: y) { day = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
            expected = (y, m, day)
            d = d.adding(days: 1)
        }
    }

    func testTextAndSpans() throws {
        let d = try XCTUnwrap(CalendarDate(iso: "2022-03-02"))
        XCTAssertEqual(d.iso, "2022-03-02")
        XCTAssertEqual(d.german, "02.03.2022")
        XCTAssertEqual(d.text(.en), "2022-03-02")
        let y2024 = try XCTUnwrap(DateSpan(year: 2024))
        XCTAssertEqual(y2024.dayCount, 366)
        XCTAssertEqual(DateSpan(year: 2022)?.dayCount, 365)
        XCTAssertEqual(y2024.text(.de), "01.01.2024–31.12.2024")
        let h1 = try XCTUnwrap(DateSpan(try XCTUnwrap(CalendarDate(iso: "2023-11-01")), try XCTUnwrap(CalendarDate(iso: "2024-01-31"))))
        XCTAssertEqual(h1.intersection(y2024)?.description, "2024-01-01..2024-01-31")
        XCTAssertEqual(h1.dayCount, 30 + 31 + 31)
        XCTAssertNil(DateSpan(d, d.adding(days: -1)))
        XCTAssertNil(y2024.intersection(try XCTUnwrap(DateSpan(year: 2022))))
    }
}
