import XCTest
import OrgaSupport
import OrgaSemantics
@testable import OrgaAnalysis

/// Filled and effective capacity day by day (ramp-up), against hand-computed figures.
final class CapacityTests: XCTestCase {
    func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    let workedExample = """
        model Hilden { year 2022; worktime 1590 h; asof 2023-06-30; ramp 6 mo }
        unit SG {
          position SB_Orga {
            planned 4.5 fte
            planned 6 fte from 2022-01-01
            filled 3 fte
            filled 4 fte from 2022-09-01
            freeze until 2022-03-02
          }
        }
        """

    /// The worked example of the language reference (Time).
    func testWorkedExampleOfTheLanguageReference() throws {
        let (model, _) = analyze(workedExample)
        XCTAssertEqual(model.errorCodes(), [])
        let year = try XCTUnwrap(DateSpan(year: 2022))          // 365 days
        let p = model.position("SB_Orga")
        XCTAssertEqual(Capacity.ramp(forPosition: p, in: model), Ramp(days: 180))   // 6 mo = 6 × 30 days
        let t = Capacity.position(p, in: model, over: year)
        // filled: 3 fte all year, +1 fte on the last 122 days (2022-09-01 is day 244):
        // 3 + 122/365 = 3.33425 → 3.334.
        assertClose(t.filledAverage, 3 + 122.0 / 365, accuracy: 1e-12)
        // effective: the +1 fte counts k/180 on the k-th day after 2022-09-01 (k = 0 … 121):
        // Σ k = 121 × 122 / 2 = 7,381 → 3 + 7,381 / (180 × 365) = 3 + 7,381/65,700 = 3.11234 → 3.112.
        assertClose(t.effectiveAverage, 3 + 7381.0 / 65700, accuracy: 1e-12)
        // ramp-up loss = 122/365 − 7,381/65,700 = (21,960 − 7,381)/65,700 = 14,579/65,700 = 0.22190 → 0.222.
        assertClose(t.rampupLoss, 14579.0 / 65700, accuracy: 1e-12)
        // planned 6 fte all year; vacancy 6 − 3.33425 = 2.66575 → 2.666.
        let planned = model.positions[p].plannedSeries.average(over: year)
        assertClose(planned - t.filledAverage, 6 - (3 + 122.0 / 365), accuracy: 1e-12)
        XCTAssertEqual(NumberFormat(.en, grouping: false).fixed(t.filledAverage, 3), "3.334")
        XCTAssertEqual(NumberFormat(.en, grouping: false).fixed(t.effectiveAverage, 3), "3.112")
        XCTAssertEqual(NumberFormat(.en, grouping: false).fixed(t.rampupLoss, 3), "0.222")
        XCTAssertEqual(NumberFormat(.en, grouping: false).fixed(planned - t.filledAverage, 3), "2.666")
        // Day by day: 2022-08-31 3 fte; 2022-09-01 4 filled, 3 effective; 2022-12-31 k = 121.
        XCTAssertEqual(t.values(on: d("2022-08-31")).effective, 3)
        XCTAssertEqual(t.values(on: d("2022-09-01")).filled, 4)
        XCTAssertEqual(t.values(on: d("2022-09-01")).effective, 3)
        assertClose(t.values(on: d("2022-12-31")).effective, 3 + 121.0 / 180, accuracy: 1e-12)
        // The unit has the one position.
        XCTAssertEqual(Capacity.unit(model.unit("SG"), in: model, over: year), t)
    }

    /// A decrease cancels the latest ramping increase first, then an earlier one.
    func testDecreaseCancelsTheMostRecentRampingIncreaseFirst() throws {
        // ramp 10 d. 0 → 1 fte on 01-01, → 3 fte on 01-05, → 1.5 fte on 01-07.
        // On 01-07 the +2 of 01-05 (still ramping) absorbs 1.5 of the decrease: 0.5 remains
        // from 01-05, 1 fte from 01-01 (k = 6). Effective on 01-07:
        // 1 × 6/10 + 0.5 × 2/10 = 0.6 + 0.1 = 0.7.
        let series = DatedSeries(undated: nil, dated: [.init(from: d("2022-01-01"), value: 1),
                                                       .init(from: d("2022-01-05"), value: 3),
                                                       .init(from: d("2022-01-07"), value: 1.5)])
        let span = try XCTUnwrap(DateSpan(d("2022-01-01"), d("2022-01-31")))
        let t = Capacity.timeline(of: series, ramp: Ramp(days: 10), over: span)
        assertClose(t.values(on: d("2022-01-07")).effective, 0.7, accuracy: 1e-12)
        // 01-11: the first tranche is done (k = 10): 1 + 0.5 × 6/10 = 1.3.
        assertClose(t.values(on: d("2022-01-11")).effective, 1.3, accuracy: 1e-12)
        // A decrease larger than what still ramps takes the rest from productive fte:
        // 2 fte (undated, full) + 1 on 01-01, −2 on 01-03 → 1 fte, all productive.
        let down = DatedSeries(undated: 2, dated: [.init(from: d("2022-01-01"), value: 3), .init(from: d("2022-01-03"), value: 1)])
        let t2 = Capacity.timeline(of: down, ramp: Ramp(days: 10), over: span)
        XCTAssertEqual(t2.values(on: d("2022-01-03")).effective, 1)
        assertClose(t2.values(on: d("2022-01-02")).effective, 2.1, accuracy: 1e-12)   // 2 + 1 × 1/10
    }

    /// Ramps that began before the period carry into it; a start share counts on the first day.
    func testRampCarriesIntoThePeriodAndStartShare() throws {
        // +1 fte on 2021-12-22 under `ramp 20 d start 50 %`: on 2022-01-01 k = 10 →
        // 0.5 + 0.5 × 10/20 = 0.75; done from 2022-01-11 (k = 20).
        let series = DatedSeries(undated: nil, dated: [.init(from: d("2021-12-22"), value: 1)])
        let year = try XCTUnwrap(DateSpan(year: 2022))
        let t = Capacity.timeline(of: series, ramp: Ramp(days: 20, start: 0.5), over: year)
        assertClose(t.values(on: d("2022-01-01")).effective, 0.75, accuracy: 1e-12)
        XCTAssertEqual(t.values(on: d("2022-01-11")).effective, 1)
        // Loss over the year: Σ_{k=10}^{19} 0.5 × (1 − k/20) = 0.5 × (10 − 145/20) = 0.5 × 2.75 = 1.375 fte-days.
        assertClose(t.rampupLoss, 1.375 / 365, accuracy: 1e-12)
    }

    /// Without dated values and without `ramp`, filled and effective are the undated value exactly.
    func testConstantWithoutRampIsV1() throws {
        let series = DatedSeries.constant(2.3)
        let year = try XCTUnwrap(DateSpan(year: 2024))
        let t = Capacity.timeline(of: series, ramp: nil, over: year)
        XCTAssertEqual(t.filledAverage, 2.3)
        XCTAssertEqual(t.effectiveAverage, 2.3)
        XCTAssertEqual(t.filled.count, 366)
        // The undated value counts fully also under a ramp.
        XCTAssertEqual(Capacity.timeline(of: series, ramp: Ramp(days: 180), over: year).effectiveAverage, 2.3)
    }

    /// The nearest `ramp` wins whole: a position's without `start` starts at 0 %.
    func testNearestRampWinsWhole() throws {
        let (model, _) = analyze("""
            model M { year 2022; worktime 1590 h; ramp 12 mo start 50 % }
            unit A { ramp 3 mo start 20 %
              unit B { position P { planned 1 fte; filled 1 fte; ramp 2 mo }
                       position Q { planned 1 fte; filled 1 fte } }
            }
            unit C { position R { planned 1 fte; filled 1 fte } }
            """)
        XCTAssertEqual(model.errorCodes(), [])
        XCTAssertEqual(Capacity.ramp(forPosition: model.position("P"), in: model), Ramp(days: 60, start: 0))
        XCTAssertEqual(Capacity.ramp(forPosition: model.position("Q"), in: model), Ramp(days: 90, start: 0.2))
        XCTAssertEqual(Capacity.ramp(forPosition: model.position("R"), in: model), Ramp(days: 360, start: 0.5))
    }
}
