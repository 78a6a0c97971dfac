import XCTest
import OrgaSyntax
import OrgaSemantics
import OrgaTestSupport
@testable import OrgaAnalysis

/// Pools and deployments against figures worked out by hand.
final class PoolTests: XCTestCase {
    /// Year 2025 (365 days), worktime 1,600 h. The pool has 2 fte filled.
    /// A: 1.5 fte on 01.01.–30.06. (181 days) to X.
    /// B: 800 h over 01.03.–31.12. (306 days) to Y: 800 ÷ (1,600 × 306 ÷ 365)
    ///    = 292,000 ÷ 489,600 = 0.596405… fte on each day.
    /// From 01.03. both run: 1.5 + 0.596405 = 2.096405 fte > 2 fte: over-committed.
    static let source = """
        model M { year 2025; worktime 1600 h }
        unit Amt {
          unit Pool {
            pool
            position FF { planned 2 fte; filled 2 fte }
            deploy A "Rückstau" { to X; fte 1.5; period 2025-01-01..2025-06-30 }
            deploy B { to Y; hours 800 h; period 2025-03-01..2025-12-31 }
          }
          unit X { position PX { planned 1 fte; filled 1 fte } }
        }
        unit Y { }
        """

    func testOverCommitmentNamesFirstDateAndBothFigures() throws {
        let files = [SourceFile(path: "pool.orga", text: Self.source)]
        let checked = Analyzer.check(files: files)
        XCTAssertEqual(checked.model.errorCodes(), [])
        let d = PoolFigures.diagnostics(checked.model, checked.sources)
        XCTAssertEqual(d.map(\.code), [.poolOverCommitted])
        XCTAssertEqual(d.first?.message,
                       "pool `Pool` deploys 2.096405 fte on `2025-03-01`, but has only 2 fte effective filled on that day (the first day it is over-committed)")
        // The same finding reaches `orgc check` and the language server.
        XCTAssertEqual(WhatIfAnalysis.diagnostics(checked).map(\.code), [.poolOverCommitted])
        let figures = PoolFigures.evaluate(checked.model, staffing: StaffingAnalysis.analyze(checked.model))
        let o = try XCTUnwrap(figures.pools.first?.overCommitment)
        XCTAssertEqual(o.date.iso, "2025-03-01")
        assertClose(o.deployed, 1.5 + 292_000.0 / 489_600)
        assertClose(o.filled, 2)
    }

    func testPeriodAveragesAvailableCoverAndUtilisation() throws {
        let (model, staffing) = analyze(Self.source)
        let f = PoolFigures.evaluate(model, staffing: staffing)
        // A: 1.5 × 181 ÷ 365 = 271.5 ÷ 365 = 0.743836; B: 800 h ÷ 1,600 h = 0.5 (the whole
        // period lies in 2025: 0.596405 × 306 ÷ 365 = 800 ÷ 1,600).
        assertClose(f.deployments[0].fteAverage, 271.5 / 365)
        assertClose(f.deployments[1].fteAverage, 0.5)
        let pool = try XCTUnwrap(f.pools.first)
        // deployed 1.243836; utilisation 1.243836 ÷ 2 = 0.621918.
        assertClose(pool.deployed, 271.5 / 365 + 0.5)
        assertClose(pool.effectiveFilled, 2)
        assertClose(pool.utilisation, (271.5 / 365 + 0.5) / 2)
        // The matrix: Pool → X 0.743836, Pool → Y 0.5.
        assertClose(f.matrixCell(pool: model.unit("Pool"), receiver: model.unit("X"), model), 271.5 / 365)
        assertClose(f.matrixCell(pool: model.unit("Pool"), receiver: model.unit("Y"), model), 0.5)
        // X: available 1 + 0.743836, cover (no need) 1.743836.
        let x = f.units[model.unit("X")]
        assertClose(x.available, 1 + 271.5 / 365)
        assertClose(x.cover, 1 + 271.5 / 365)
        // The pool's own need is what it deploys: cover 2 − 1.243836 = 0.756164.
        assertClose(f.units[model.unit("Pool")].cover, 2 - (271.5 / 365 + 0.5))
        // Amt holds Pool and X: filled 3, deployed in 0.743836 (X), out 1.243836 (Pool);
        // available 3.743836, cover 3.743836 − 1.243836 = 2.5 (the move inside Amt cancels,
        // what went to Y is gone).
        let amt = f.units[model.unit("Amt")]
        assertClose(amt.deployedIn, 271.5 / 365)
        assertClose(amt.deployedOut, 271.5 / 365 + 0.5)
        assertClose(amt.available, 3 + 271.5 / 365)
        assertClose(amt.cover, 2.5)
        // Y receives 0.5 and has nothing filled.
        assertClose(f.units[model.unit("Y")].available, 0.5)
    }

    /// `hours` over a period across a year end: H ÷ (worktime × D ÷ Y) with Y the days of
    /// each calendar year. 366 h over 01.12.2024–31.01.2025 (62 days), worktime 1,600 h:
    /// 2024 (366 days): 366 × 366 ÷ (1,600 × 62) = 133,956 ÷ 99,200 = 1.350363 fte;
    /// 2025 (365 days): 366 × 365 ÷ 99,200 = 133,590 ÷ 99,200 = 1.346673 fte.
    /// Model year 2025: 31 days of 1.346673 ÷ 365 = 4,141,290 ÷ 36,208,000 = 0.114375.
    func testHoursAcrossAYearEnd() {
        let (model, staffing) = analyze("""
            model M { year 2025; worktime 1600 h }
            unit Pool { pool; position FF { filled 2 fte }
              deploy H { to X; hours 366 h; period 2024-12-01..2025-01-31 } }
            unit X { }
            """)
        let f = PoolFigures.evaluate(model, staffing: staffing)
        let s = f.deployments[0].segments
        XCTAssertEqual(s.map(\.span.dayCount), [31, 31])
        assertClose(s[0].fte, 133_956.0 / 99_200)
        assertClose(s[1].fte, 133_590.0 / 99_200)
        assertClose(f.deployments[0].fteAverage, 133_590.0 * 31 / 99_200 / 365)
    }

    /// The pool's capacity is its effective filled fte: filled 1 fte, 2 fte from
    /// 01.01.2025 with `ramp 100 d` (0 % on the day of the increase, linear to 100 % after
    /// 100 days): effective on day k of 2025 = 1 + k ÷ 100 for k < 100, then 2.
    /// A deployment of 1.5 fte from 21.01. (k = 20): effective 1.2 < 1.5, over-committed at once.
    /// Average effective in 2025: 1 + (Σ_{k=0}^{99} k ÷ 100 + 265 × 1) ÷ 365
    ///   = 1 + (49.5 + 265) ÷ 365 = 1 + 314.5 ÷ 365 = 1.861644 fte.
    func testCapacityIsEffectiveWithRampUp() throws {
        let source = """
            model M { year 2025 }
            unit Pool { pool; ramp 100 d
              position F { planned 2 fte; filled 1 fte; filled 2 fte from 2025-01-01 }
              deploy D { to X; fte 1.5; period 2025-01-21..2025-12-31 } }
            unit X { }
            """
        let checked = Analyzer.check(files: [SourceFile(path: "ramp.orga", text: source)])
        XCTAssertEqual(checked.model.errorCodes(), [])
        let d = PoolFigures.diagnostics(checked.model, checked.sources)
        XCTAssertEqual(d.first?.message,
                       "pool `Pool` deploys 1.5 fte on `2025-01-21`, but has only 1.2 fte effective filled on that day (the first day it is over-committed)")
        let f = PoolFigures.evaluate(checked.model, staffing: nil)
        let pool = try XCTUnwrap(f.pools.first)
        assertClose(pool.effectiveFilled, 1 + 314.5 / 365)
        // Deployed: 1.5 × 345 days (21.01.–31.12.) ÷ 365; utilisation = deployed ÷ effective.
        assertClose(pool.deployed, 1.5 * 345 / 365)
        assertClose(pool.utilisation, (1.5 * 345 / 365) / (1 + 314.5 / 365))
    }
}
