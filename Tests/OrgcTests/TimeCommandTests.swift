import XCTest
import OrgaTestSupport

/// `--year` and `--at` of `report` and `rank` (docs/language.md, Time): bad values are
/// usage errors, a year far from every date of the model is said on standard error.
final class TimeCommandTests: XCTestCase {
    private func orgc(_ args: String...) -> OrgcCommand.Result { OrgcCommand.run(args) }

    func testYearAndAtChangeThePeriod() throws {
        let year = orgc("report", "--format", "json", "--year", "2023", "Samples/sachgebiet")
        XCTAssertEqual(year.code, 0, year.err)
        XCTAssertTrue(year.out.contains("\"from\": \"2023-01-01\""), year.out)
        XCTAssertEqual(year.err, "")
        let at = orgc("report", "--lang", "en", "--at", "2022-09-01", "Samples/sachgebiet")
        XCTAssertEqual(at.code, 0, at.err)
        XCTAssertTrue(at.out.contains("- Date: 2022-09-01"), at.out)
        XCTAssertEqual(orgc("rank", "--year", "2023", "Samples/sachgebiet").code, 0)
        // Leap year: 2024 has 366 days, the period ends on 2024-12-31.
        XCTAssertTrue(orgc("report", "--format", "json", "--year", "2024", "Samples/sachgebiet").out.contains("\"to\": \"2024-12-31\""))
    }

    func testBadValuesAreUsageErrors() {
        let notADate = orgc("report", "--at", "2023-02-29", "Samples/sachgebiet")
        XCTAssertEqual(notADate.code, 2)
        XCTAssertTrue(notADate.err.contains("--at takes a date that exists"), notADate.err)
        let notAYear = orgc("report", "--year", "zweitausend", "Samples/sachgebiet")
        XCTAssertEqual(notAYear.code, 2)
        XCTAssertTrue(notAYear.err.contains("--year takes a year"), notAYear.err)
        let both = orgc("rank", "--year", "2022", "--at", "2022-01-01", "Samples/sachgebiet")
        XCTAssertEqual(both.code, 2)
        XCTAssertTrue(both.err.contains("either --year or --at"), both.err)
    }

    func testAYearFarFromEveryDateIsSaid() {
        let far = orgc("report", "--year", "1990", "Samples/sachgebiet")
        XCTAssertEqual(far.code, 0)
        XCTAssertTrue(far.err.contains("--year 1990 is more than a year from every date of the model (the nearest is 2022-01-01)"), far.err)
        // A model without dates: nothing to say.
        XCTAssertEqual(orgc("report", "--year", "1990", "Samples/hilden").err, "")
    }
}
