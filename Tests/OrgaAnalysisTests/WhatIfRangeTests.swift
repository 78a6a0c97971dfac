import XCTest
import OrgaSyntax
import OrgaSemantics
import OrgaTestSupport
@testable import OrgaAnalysis

/// Ranges as set values of `change`, and signed changes of a value that holds a range
/// (docs/language.md, Changes; docs/staffing.md, Ranges). Every expected number is worked
/// out in the comment beside it.
final class WhatIfRangeTests: XCTestCase {
    /// Position SB does process P: 960 cases a year, worktime 1,600 h, so need = 0.6 × T (T in h).
    static func model(time: String, changes: String) -> String {
        """
        model M { year 2024; worktime 1600 h }
        unit A { position SB { planned 1 fte } }
        process P { owner A; volume 960 /year
          step S { by SB; time \(time) }
        }
        scenario X {
        \(changes)
        }
        """
    }

    /// Evaluates scenario X both ways (the whole engine on the changed model, and the
    /// attribution's staffing) and checks that they agree on the need and its spread.
    func scenario(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> (Model, StaffingResult) {
        let (model, base) = analyze(source)
        XCTAssertEqual(model.errorCodes(), [], file: file, line: line)
        let (changed, full) = ScenarioEvaluator.evaluate(model, scenario: ScenarioID(0))
        let attributed = ScenarioEvaluator.attribute(model, scenario: ScenarioID(0), base: base).staffing
        assertClose(attributed.totalNeed, full.totalNeed, accuracy: 1e-12, "attribution", file: file, line: line)
        assertClose(attributed.totalNeedSpread.sd, full.totalNeedSpread.sd, accuracy: 1e-12, "attribution sd", file: file, line: line)
        assertClose(attributed.totalNeedSpread.min, full.totalNeedSpread.min, accuracy: 1e-12, "attribution min", file: file, line: line)
        assertClose(attributed.totalNeedSpread.max, full.totalNeedSpread.max, accuracy: 1e-12, "attribution max", file: file, line: line)
        return (changed, full)
    }

    func testAChangeSetsAThreePointTime() {
        let (m, r) = scenario(Self.model(time: "30 min", changes: "change P.S time 20..30..60 min"))
        let s = m.processes[m.process("P")].nodes[m.node("P", "S")]
        // PERT: mean (20 + 4·30 + 60) ÷ 6 = 200/6 min = 1/1.8 h; sd (60 − 20) ÷ 6 = 40/6 min = 1/9 h.
        assertClose(s.timeHours, 1 / 1.8)
        assertClose(s.timeRange?.sd, 1.0 / 9)
        assertClose(s.timeRange?.low, 20.0 / 60)
        assertClose(s.timeRange?.likely, 0.5)
        assertClose(s.timeRange?.high, 1)
        let sb = r.positions[m.position("SB")]
        // need = 0.6 T: mean 0.6/1.8 = 0.3333…, sd 0.6/9 = 0.0666…, min 0.6 × 20/60 = 0.2, max 0.6 × 1 = 0.6.
        // (The base model: 0.6 × 0.5 h = 0.3 fte, exact.)
        assertClose(sb.need, 1.0 / 3)
        assertClose(sb.needSpread.sd, 0.6 / 9)
        assertClose(sb.needSpread.min, 0.2)
        assertClose(sb.needSpread.max, 0.6)
        assertClose(r.totalNeedSpread.sd, 0.6 / 9)
        // Staff hours per case: T itself, sd 1/9 h; lead time T ÷ 24 days, sd 1/9 ÷ 24.
        let p = r.processes[m.process("P")]
        assertClose(p.staffHoursPerCaseSpread.sd, 1.0 / 9)
        assertClose(p.leadTimeSpread?.sd, 1.0 / 9 / 24)
        // Exactly as if the range were written in the step.
        let (wm, written) = analyze(Self.model(time: "20..30..60 min", changes: ""))
        let wsb = written.positions[wm.position("SB")]
        assertClose(sb.needSpread.sd, wsb.needSpread.sd, accuracy: 1e-15)
        assertClose(sb.needSpread.min, wsb.needSpread.min, accuracy: 1e-15)
        assertClose(sb.needSpread.max, wsb.needSpread.max, accuracy: 1e-15)
        XCTAssertEqual(sb.proposalP90, wsb.proposalP90)
        XCTAssertNotNil(sb.proposalP90)
    }

    func testAChangeSetsAVolumeRange() {
        let (m, r) = scenario(Self.model(time: "30 min", changes: "change P volume 900..1_020 /year"))
        let sb = r.positions[m.position("SB")]
        // V uniform on [900, 1020]: mean 960, sd 120 ÷ √12 = 34.641; need = V × 0.5 h ÷ 1600 h:
        // mean 0.3, sd 34.641 × 0.5 ÷ 1600 = 0.0108253, min 900 × 0.5 ÷ 1600 = 0.28125, max 1020 × 0.5 ÷ 1600 = 0.31875.
        assertClose(sb.need, 0.3)
        assertClose(sb.needSpread.sd, 120 / 12.0.squareRoot() * 0.5 / 1600)
        assertClose(sb.needSpread.min, 0.28125)
        assertClose(sb.needSpread.max, 0.31875)
    }

    func testAPercentageScalesEveryBound() {
        let (m, r) = scenario(Self.model(time: "20..30..60 min", changes: "change P.S time -50 %"))
        let s = m.processes[m.process("P")].nodes[m.node("P", "S")]
        // 20..30..60 min × 0.5 = 10..15..30 min: mean (10 + 60 + 30) ÷ 6 = 100/6 min = 1/3.6 h, sd 20/6 min = 1/18 h.
        assertClose(s.timeRange?.low, 10.0 / 60)
        assertClose(s.timeRange?.likely, 0.25)
        assertClose(s.timeRange?.high, 0.5)
        assertClose(s.timeHours, 1 / 3.6)
        let sb = r.positions[m.position("SB")]
        // need 0.6 T: mean 0.6/3.6 = 1/6, sd 0.6/18 = 1/30, min 0.6 × 10/60 = 0.1, max 0.6 × 0.5 = 0.3.
        assertClose(sb.need, 1.0 / 6)
        assertClose(sb.needSpread.sd, 1.0 / 30)
        assertClose(sb.needSpread.min, 0.1)
        assertClose(sb.needSpread.max, 0.3)
    }

    func testASignedQuantityShiftsEveryBound() {
        let (m, r) = scenario(Self.model(time: "20..30..60 min", changes: "change P.S time +5 min"))
        let sb = r.positions[m.position("SB")]
        // 25..35..65 min: mean (25 + 140 + 65) ÷ 6 = 230/6 min; sd unchanged 40/6 min = 1/9 h.
        // need 0.6 T: mean 0.6 × 230/360 = 0.38333, sd 0.6/9, min 0.6 × 25/60 = 0.25, max 0.6 × 65/60 = 0.65.
        assertClose(sb.need, 0.6 * 230 / 360)
        assertClose(sb.needSpread.sd, 0.6 / 9)
        assertClose(sb.needSpread.min, 0.25)
        assertClose(sb.needSpread.max, 0.65)
    }

    func testAPlainValueMakesARangeExact() {
        let (m, r) = scenario(Self.model(time: "20..30..60 min", changes: "change P.S time 40 min"))
        XCTAssertNil(m.processes[m.process("P")].nodes[m.node("P", "S")].timeRange)
        let sb = r.positions[m.position("SB")]
        // 0.6 × 40/60 = 0.4, exact.
        assertClose(sb.need, 0.4)
        assertClose(sb.needSpread.sd, 0)
        assertClose(sb.needSpread.min, 0.4)
        assertClose(sb.needSpread.max, 0.4)
    }

    func testEqualBoundsAreExact() {
        let (m, _) = scenario(Self.model(time: "20..30..60 min", changes: "change P.S time 15..15 min"))
        let s = m.processes[m.process("P")].nodes[m.node("P", "S")]
        XCTAssertNil(s.timeRange)
        assertClose(s.timeHours, 0.25)
    }
}
