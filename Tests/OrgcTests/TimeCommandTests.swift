import XCTest
import OrgaTestSupport

/// `--year` and `--at` of `report`, `rank` and `graph` (docs/language.md, Time): bad values are
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

    /// The org chart shows the period figures of every position and unit (before, a
    /// position showed its undated value beside its unit's average), and a scenario's
    /// `change` acts on the period figure, as in the report.
    func testGraphShowsThePeriodFiguresAndScenarioChangesOnThem() throws {
        let dir = try makeTemporaryDirectory()
        let file = dir.appendingPathComponent("m.orga")
        try """
            model M { year 2025; worktime 1600 h }
            unit U { position S { grade G; planned 1 fte; planned 3 fte from 2025-07-01; filled 1 fte } }
            grade G { cost 50000 EUR }
            process P { volume 1000 /year
              step A { by S; time 60 min } }
            measure Set { change S planned 5 fte }
            measure Add { change S planned +1 fte }
            scenario Fuenf { apply Set }
            scenario PlusEins { apply Add }
            """.write(to: file, atomically: true, encoding: .utf8)
        func orgLine(_ extra: String...) -> String {
            let r = OrgcCommand.run(["graph", "--org", "--format", "mermaid"] + extra + [file.path])
            XCTAssertEqual(r.code, 0, r.err)
            return r.out.split(separator: "\n").first { $0.contains("N0[") }.map(String.init) ?? r.out
        }
        // 2025: 1 fte for 181 days, 3 fte for 184 days: 733/365 = 2.008 fte; need
        // 1,000 h / 1,600 h = 0.625 fte.
        XCTAssertTrue(orgLine().contains("Soll 2,008 · Ist 1 · Bedarf 0,625 VZÄ<br/>vakant 1,008 VZÄ<br/>S: Soll 2,008 · Ist 1"), orgLine())
        XCTAssertTrue(orgLine("--at", "2025-03-01").contains("S: Soll 1 · Ist 1"), orgLine("--at", "2025-03-01"))
        XCTAssertTrue(orgLine("--year", "2026").contains("S: Soll 3 · Ist 1"), orgLine("--year", "2026"))
        // An absolute change replaces the figure for the whole period; a relative one
        // adds to the period average (2.008 + 1).
        XCTAssertTrue(orgLine("--scenario", "Fuenf").contains("Soll 5 · Ist 1 · Bedarf 0,625 VZÄ<br/>vakant 4 VZÄ<br/>S: Soll 5"), orgLine("--scenario", "Fuenf"))
        XCTAssertTrue(orgLine("--scenario", "PlusEins").contains("S: Soll 3,008"), orgLine("--scenario", "PlusEins"))
        let report = OrgcCommand.run(["report", "--format", "csv", "--scenario", "PlusEins", file.path])
        XCTAssertTrue(report.out.contains("3,008"), report.out)
    }
}
