import XCTest
import OrgaSyntax
import OrgaSemantics
import OrgaTestSupport
@testable import OrgaAnalysis

/// KPIs: the plan of a year, achievement and met, against figures worked out by hand.
final class KpiTests: XCTestCase {
    func testAchievementPerYearWithADatedPlan() {
        let (model, _) = analyze("""
            model M { year 2022 }
            unit SG { }
            kpi B "Stellenbewertungen" {
              owner SG
              better higher
              plan 25
              plan 40 from 2023-07-01
              actual 2023 50
              actual 2022 80
            }
            kpi L { better lower; plan 10; actual 2022 12 }
            kpi D { better higher; plan 30 from 2024-07-01; actual 2024 20 }
            """)
        XCTAssertEqual(model.errorCodes(), [])
        let r = KpiFigures.evaluate(model)
        XCTAssertEqual(r.count, 3)
        // Years ascending, whatever the order written.
        XCTAssertEqual(r[0].years.map(\.year), [2022, 2023])
        // 2022: plan 25 all year; 80 ÷ 25 = 3.2 (320 %), met.
        assertClose(r[0].years[0].plan, 25)
        assertClose(r[0].years[0].achievement, 3.2)
        XCTAssertEqual(r[0].years[0].met, true)
        // 2023: 01.01.–30.06. = 181 days at 25, 01.07.–31.12. = 184 days at 40:
        // (181 × 25 + 184 × 40) ÷ 365 = (4,525 + 7,360) ÷ 365 = 11,885 ÷ 365 = 32.561643…;
        // achievement 50 ÷ 32.561643 = 18,250 ÷ 11,885 = 1.535549…, met.
        assertClose(r[0].years[1].plan, 11_885.0 / 365)
        assertClose(r[0].years[1].achievement, 18_250.0 / 11_885)
        XCTAssertEqual(r[0].years[1].met, true)
        // better lower: plan ÷ actual = 10 ÷ 12 = 0.8333…, missed.
        assertClose(r[1].years[0].achievement, 10.0 / 12)
        XCTAssertEqual(r[1].years[0].met, false)
        // Only a dated plan from 01.07.2024: 2024's plan is the average over the days that
        // have one (30), so 20 ÷ 30 = 0.6667, missed.
        assertClose(r[2].years[0].plan, 30)
        assertClose(r[2].years[0].achievement, 20.0 / 30)
        XCTAssertEqual(r[2].years[0].met, false)
    }

    func testZeroDivisorHasNoAchievement() {
        let (model, _) = analyze("""
            model M { year 2022 }
            kpi Z { better lower; plan 10; actual 2022 0 }
            """)
        XCTAssertEqual(model.diagnostics.map(\.code), [.kpiAchievementUndefined])
        let y = KpiFigures.evaluate(model)[0].years[0]
        XCTAssertNil(y.achievement)
        XCTAssertNil(y.met)
        assertClose(y.actual, 0)
    }
}
