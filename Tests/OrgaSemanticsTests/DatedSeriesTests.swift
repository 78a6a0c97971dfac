import XCTest
import OrgaSupport
@testable import OrgaSemantics

/// The step function of dated values, against hand-computed averages.
final class DatedSeriesTests: XCTestCase {
    func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    func testWorkedExampleOfTheLanguageReference() throws {
        // planned 4.5 fte until 2021-12-31, 6 fte from 2022-01-01 → 6.000 over 2022.
        let year = try XCTUnwrap(DateSpan(year: 2022))
        let planned = DatedSeries(undated: 4.5, dated: [.init(from: d("2022-01-01"), value: 6)])
        XCTAssertEqual(planned.average(over: year), 6, accuracy: 1e-12)
        // filled 3 fte, 4 fte from 2022-09-01 (122 days) → 3 + 122/365 = 3.33425 fte.
        let filled = DatedSeries(undated: 3, dated: [.init(from: d("2022-09-01"), value: 4)])
        XCTAssertEqual(filled.average(over: year), 3 + 122.0 / 365, accuracy: 1e-12)
        XCTAssertEqual(filled.value(at: d("2022-08-31")), 3)
        XCTAssertEqual(filled.value(at: d("2022-09-01")), 4)
    }

    func testOnlyDatedValuesStartFromZeroAndOrderDoesNotMatter() throws {
        let year = try XCTUnwrap(DateSpan(year: 2024))   // 366 days
        var s = DatedSeries(undated: nil)
        XCTAssertTrue(s.insert(.init(from: d("2024-07-01"), value: 2)))
        XCTAssertTrue(s.insert(.init(from: d("2024-03-01"), value: 1)))
        XCTAssertFalse(s.insert(.init(from: d("2024-03-01"), value: 9)))
        // 0 for 60 days (Jan 31 + Feb 29), 1 for 122 days (Mar–Jun), 2 for 184 days (Jul–Dec).
        XCTAssertEqual(s.daySum(over: year), 122 + 2 * 184, accuracy: 1e-12)
        XCTAssertEqual(s.average(over: year), (122.0 + 368) / 366, accuracy: 1e-12)
        XCTAssertEqual(s.changeDates, [d("2024-03-01"), d("2024-07-01")])
    }

    func testDatesOutsideThePeriod() throws {
        let year = try XCTUnwrap(DateSpan(year: 2022))
        let later = DatedSeries(undated: 5, dated: [.init(from: d("2023-01-01"), value: 7)])
        XCTAssertEqual(later.average(over: year), 5)
        let earlier = DatedSeries(undated: 5, dated: [.init(from: d("2021-06-01"), value: 7)])
        XCTAssertEqual(earlier.average(over: year), 7)
        XCTAssertEqual(DatedSeries.constant(2.5).average(over: year), 2.5)
    }
}
