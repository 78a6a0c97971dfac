import XCTest
import OrgaSyntax
import OrgaSemantics
import OrgaTestSupport
@testable import OrgaAnalysis

/// Hand-computed staffing cases. Every expected number is worked out in the comment
/// next to it; none is copied from the engine's output.
final class StaffingTests: XCTestCase {

    // MARK: The worked example (README)

    static let worked = Fixtures.languageExample

    func testWorkedExampleOfLanguageSection8() {
        let (m, r) = analyze(Self.worked)
        XCTAssertEqual(m.errorCodes(), [])
        let sb = r.positions[m.position("SB")]
        // 2,400 × 45 min + 900 × 90 min = 189,000 min = 3,150 h; × 1.10 = 3,465 h; ÷ 1,590 h = 2.1792452830… fte
        assertClose(sb.need, 3465.0 / 1590.0)
        XCTAssertEqual((sb.need * 1000).rounded() / 1000, 2.179)
        // gap = 2.179245 − 4 = −1.820755; vacancy = 4 − 3.5 = 0.5
        assertClose(sb.gap, 3465.0 / 1590.0 - 4)
        assertClose(sb.vacancy, 0.5)
        // proposal: rounding defaults to 0.01 fte → 2.18
        assertClose(sb.proposal, 2.18)
        // three step contributions: 600 h, 1,200 h, 1,350 h of basic time
        XCTAssertEqual(sb.contributions.map(\.kind), [.step, .step, .step])
        XCTAssertEqual(sb.contributions.compactMap(\.hours), [600, 1200, 1350])
        // They add up to the need.
        assertClose(sb.contributions.reduce(0) { $0 + $1.fte }, sb.need, accuracy: 1e-12)
        // No overhead/workplace: cost per fte = 62,000; planned cost 4 × 62,000 = 248,000.
        assertClose(sb.costPerFTE, 62_000)
        assertClose(sb.plannedCost, 248_000)
        assertClose(sb.needCost, 3465.0 / 1590.0 * 62_000)
        XCTAssertTrue(sb.complete)
        // Unit BB = its only position.
        assertClose(r.units[m.unit("BB")].need, sb.need)
        // Process Meldung: 2,400 cases, 0.75 h per case, fte bound = 1,800 h × 1.1 ÷ 1,590 = 1.245283
        let meldung = r.processes[m.process("Meldung")]
        assertClose(meldung.cases, 2400)
        assertClose(meldung.staffHoursPerCase, 0.75)
        assertClose(meldung.fte, 1980.0 / 1590.0)
        // cost per case = 1.245283 fte × 62,000 EUR ÷ 2,400 = 32.1698…
        assertClose(meldung.costPerCase, 1980.0 / 1590.0 * 62_000 / 2400)
        // lead time = 45 min = 45 / 1440 d = 0.03125 d
        assertClose(meldung.leadTimeDays, 0.03125)
        assertClose(meldung.mediaBreaks, 1)
    }

    // MARK: Verteilzeit conventions

    func testDeductionConvention() {
        let src = Self.worked.replacingOccurrences(of: "allowance 10 %", with: "allowance 9 % of worktime")
        let (m, r) = analyze(src)
        XCTAssertEqual(m.errorCodes(), [])
        // 3,150 h ÷ (1 − 0.09) = 3,461.538 h ÷ 1,590 h = 2.177068 fte (the Orghandbuch example: 2.177)
        let need = r.positions[m.position("SB")].need
        assertClose(need, 3150.0 / 0.91 / 1590.0)
        XCTAssertEqual((need * 1000).rounded() / 1000, 2.177)
        // A 10 % deduction is not a 10 % surcharge: 3,150 ÷ 0.9 ÷ 1,590 = 2.201258 ≠ 2.179245
        let (m2, r2) = analyze(Self.worked.replacingOccurrences(of: "allowance 10 %", with: "allowance 10 % of worktime"))
        assertClose(r2.positions[m2.position("SB")].need, 3500.0 / 1590.0)
        XCTAssertEqual(r2.positions[m2.position("SB")].allowance.convention, .deduction)
    }

    func testNoAllowanceWhenAbsent() {
        let (m, r) = analyze(Self.worked.replacingOccurrences(of: "allowance 10 %", with: ""))
        // 3,150 h ÷ 1,590 h = 1.981132 fte
        assertClose(r.positions[m.position("SB")].need, 3150.0 / 1590.0)
    }

    // MARK: Loops, branches, share

    func testLoopVisitsAreOneOverOneMinusP() {
        let (m, r) = analyze("""
            model M { worktime 1000 h }
            unit U { position P { planned 1 fte } }
            process Loop {
              volume 700 /year
              step A { by P; time 1 h }
              decide D {
                branch "again" 30 % -> A
                branch "done" 70 % -> end
              }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        let p = r.processes[m.process("Loop")]
        // v(A) = 1 + 0.3 v(D), v(D) = v(A) → v = 1 / (1 − 0.3) = 1.428571…
        assertClose(p.nodes[0].visits, 1 / 0.7, accuracy: 1e-12)
        assertClose(p.nodes[1].visits, 1 / 0.7, accuracy: 1e-12)
        // 700 cases × 1/0.7 × 1 h = 1,000 h ÷ 1,000 h = 1 fte
        assertClose(r.positions[m.position("P")].need, 1.0, accuracy: 1e-12)
        XCTAssertFalse(Visits.solve(m.processes[0]).acyclic)
    }

    func testSelfLoopRepeatedTargetsNextEndAndUnreachable() {
        let (m, r) = analyze("""
            model M { worktime 1000 h }
            unit U { position P { planned 1 fte } }
            process Q {
              volume 100 /year
              step A { by P; time 1 h }
              decide D {
                branch "back a" 10 % -> D
                branch "b1" 45 % -> B
                branch "b2" 45 % -> B
              }
              step B { by P; time 2 h; share 50 %; next end }
              step Never { by P; time 5 h }
            }
            """)
        // W408 for Never, no errors.
        XCTAssertEqual(m.errorCodes(), [])
        let p = r.processes[m.process("Q")]
        // v(A) = 1; v(D) = 1 + 0.1 v(D) → 1/0.9 = 1.1111; v(B) = 0.9 × v(D) = 1 (targets repeated: 45 % + 45 %)
        assertClose(p.nodes[0].visits, 1)
        assertClose(p.nodes[1].visits, 1 / 0.9, accuracy: 1e-12)
        assertClose(p.nodes[2].visits, 1, accuracy: 1e-12)
        // `next end` skips Never, which is unreachable: 0 visits, no hours.
        assertClose(p.nodes[3].visits, 0)
        // hours = 100 × (1 × 1 h + 1 × 0.5 × 2 h) = 200 h ÷ 1,000 = 0.2 fte
        assertClose(r.positions[m.position("P")].need, 0.2, accuracy: 1e-12)
        // staff hours per case 1 + 0.5 × 2 = 2; steps per case = 1 + 0.5 + 0 = 1.5
        assertClose(p.staffHoursPerCase, 2, accuracy: 1e-12)
        assertClose(p.steps, 1.5, accuracy: 1e-12)
    }

    func testShareOnStaffStep() {
        let (m, r) = analyze("""
            model M { worktime 1600 h; allowance 0 % }
            unit U { position P { planned 1 fte } }
            process S {
              volume 1_000 /year
              step A { by P; time 48 min; share 25 % }
            }
            """)
        // 1,000 × 1 × 0.25 × 0.8 h = 200 h ÷ 1,600 h = 0.125 fte
        let c = r.positions[m.position("P")].contributions[0]
        assertClose(c.share, 0.25)
        assertClose(c.hours, 200, accuracy: 1e-9)
        assertClose(c.fte, 0.125, accuracy: 1e-12)
    }

    // MARK: Calls

    func testNestedCallsAccumulateFromAllCallersTransitively() {
        let (m, r) = analyze("""
            model M { worktime 1000 h }
            unit U { position P { planned 1 fte } }
            process Top {
              volume 100 /year
              step CallMid { call Mid; share 50 % }
              step CallLeaf { call Leaf }
            }
            process Mid {
              volume 10 /year
              step Work { by P; time 1 h }
              decide Again {
                branch "ja" 20 % -> Work
                branch "nein" 80 % -> CallLeaf
              }
              step CallLeaf { call Leaf }
            }
            process Leaf {
              step Do { by P; time 30 min }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        // cases(Top) = 100
        // cases(Mid) = 10 + 100 × 1 × 0.5 = 60
        // visits(Mid.Work) = 1/0.8 = 1.25; visits(Mid.CallLeaf) = 1
        // cases(Leaf) = 0 (no own volume) + 60 × 1 (from Mid) + 100 × 1 (from Top) = 160
        assertClose(r.processes[m.process("Top")].cases, 100)
        assertClose(r.processes[m.process("Mid")].cases, 60)
        assertClose(r.processes[m.process("Leaf")].cases, 160)
        XCTAssertEqual(r.processes[m.process("Leaf")].callers.count, 2)
        // P: Mid.Work 60 × 1.25 × 1 h = 75 h; Leaf.Do 160 × 0.5 h = 80 h → 155 h ÷ 1,000 = 0.155 fte
        assertClose(r.positions[m.position("P")].need, 0.155, accuracy: 1e-12)
        // Each process reports its own steps only: Top binds no staff.
        assertClose(r.processes[m.process("Top")].fte, 0)
        assertClose(r.processes[m.process("Leaf")].fte, 0.08, accuracy: 1e-12)
    }

    func testCallCycleIsSkippedSafely() {
        let (m, r) = analyze("""
            model M { worktime 1000 h }
            unit U { position P { planned 1 fte } }
            process A { volume 10 /year; step S { by P; time 1 h }; step C { call B } }
            process B { volume 5 /year; step T { by P; time 1 h }; step C { call A } }
            process Z { volume 7 /year; step W { by P; time 1 h } }
            """)
        XCTAssertTrue(m.errorCodes().contains("E404"))
        // A and B are in a cycle: no cases, their work is left out (incomplete), Z still counts.
        XCTAssertNil(r.processes[m.process("A")].cases)
        XCTAssertNil(r.processes[m.process("B")].cases)
        let p = r.positions[m.position("P")]
        // Z: 7 × 1 h = 7 h ÷ 1,000 = 0.007 fte
        assertClose(p.need, 0.007, accuracy: 1e-12)
        XCTAssertFalse(p.complete)
    }

    // MARK: Effort, coverage, leadership

    func testEffortAndCoverageGetNoAllowance() {
        let (m, r) = analyze("""
            model M { worktime 1600 h; allowance 10 % }
            unit U {
              position P {
                planned 1 fte
                effort "Gremien" 0.2 fte
                effort "Bericht" 80 h /year
                effort "Jour fixe" 2 h /week
                effort "Monatsabschluss" 10 h /month
                coverage 40 h /week
              }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        let p = r.positions[m.position("P")]
        // 0.2 fte as given
        // 80 h ÷ 1,600 = 0.05
        // 2 h/week × 52 = 104 h ÷ 1,600 = 0.065
        // 10 h/month × 12 = 120 h ÷ 1,600 = 0.075
        // coverage 40 h/week × 52 = 2,080 h ÷ 1,600 = 1.3
        XCTAssertEqual(p.contributions.map(\.kind), [.effort, .effort, .effort, .effort, .coverage])
        let ftes = p.contributions.map(\.fte)
        assertClose(ftes[0], 0.2); assertClose(ftes[1], 0.05); assertClose(ftes[2], 0.065)
        assertClose(ftes[3], 0.075); assertClose(ftes[4], 1.3)
        // total 0.2 + 0.05 + 0.065 + 0.075 + 1.3 = 1.69 (no Verteilzeit on any of them)
        assertClose(p.need, 1.69, accuracy: 1e-12)
    }

    func testLeadershipCountsFilledFTELedDirectly() {
        let (m, r) = analyze("""
            model M { worktime 1600 h; leadership 5 % }
            unit Amt {
              head AL
              position AL { planned 1 fte; filled 1 fte }
              position Sek { planned 1 fte; filled 0.5 fte }
              unit SG1 {
                head SGL1
                position SGL1 { planned 1 fte; filled 0.75 fte }
                position SB1 { planned 3 fte; filled 3 fte }
              }
              unit Team {
                position T1 { planned 2 fte; filled 2 fte }
                unit SubTeam {
                  position T2 { planned 1 fte; filled 1 fte }
                }
                unit SubHeaded {
                  head SHL
                  position SHL { planned 1 fte; filled 0.8 fte }
                  position SH1 { planned 4 fte; filled 4 fte }
                }
              }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        // AL leads directly: Sek 0.5 (other position in Amt) + SGL1 0.75 (head of SG1)
        //   + Team has no head: T1 2.0 + SubTeam (no head) T2 1.0 + SubHeaded's head SHL 0.8
        //   = 0.5 + 0.75 + 2 + 1 + 0.8 = 5.05 fte × 5 % = 0.2525 fte
        let al = r.positions[m.position("AL")]
        XCTAssertEqual(al.contributions.map(\.kind), [.leadership])
        assertClose(al.contributions[0].ledFTE, 5.05, accuracy: 1e-12)
        assertClose(al.need, 0.2525, accuracy: 1e-12)
        // SGL1 leads SB1 3.0 × 5 % = 0.15; SHL leads SH1 4.0 × 5 % = 0.2
        assertClose(r.positions[m.position("SGL1")].need, 0.15, accuracy: 1e-12)
        assertClose(r.positions[m.position("SHL")].need, 0.2, accuracy: 1e-12)
        // Positions that lead nobody have no leadership contribution.
        XCTAssertTrue(r.positions[m.position("SB1")].contributions.isEmpty)
        // Unit roll-up: Amt need = 0.2525 + 0.15 + 0.2 = 0.6025; planned = 1+1+1+3+2+1+1+4 = 14
        assertClose(r.units[m.unit("Amt")].need, 0.6025, accuracy: 1e-12)
        assertClose(r.units[m.unit("Amt")].planned, 14)
        // filled = 1 + 0.5 + 0.75 + 3 + 2 + 1 + 0.8 + 4 = 13.05; vacancy 0.95
        assertClose(r.units[m.unit("Amt")].vacancy, 0.95, accuracy: 1e-12)
    }

    /// Issue 17, item 3: each position is led once (docs/language.md § 7.3), even when it sits in the led
    /// unit (or in a headless sub-unit) and also heads one of its sub-units.
    func testLeadershipCountsEachPositionOnce() {
        let (m, r) = analyze("""
            model M { worktime 1600 h; leadership 10 % }
            unit Amt {
              head AL
              position AL { planned 1 fte; filled 1 fte }
              position SGL { planned 1 fte; filled 0.5 fte }
              unit SG {
                head SGL
                position SB { planned 2 fte; filled 2 fte }
              }
              unit Team {
                position TL { planned 1 fte; filled 0.8 fte }
                unit Sub {
                  head TL
                  position X { planned 3 fte; filled 3 fte }
                }
              }
            }
            position Ext { planned 1 fte; filled 1 fte }
            unit Other { head Ext; position O1 { planned 1 fte; filled 0.25 fte } }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        // Three heads that are not positions of the unit they lead: SGL (sits in Amt),
        // TL (sits in Team), Ext (in no unit).
        XCTAssertEqual(m.diagnostics.map(\.code).filter { $0 != .positionWithoutGrade }, [.headOutsideUnit, .headOutsideUnit, .headOutsideUnit])
        // AL leads SGL 0.5 (in Amt; as head of SG it is the same position) + Team has no
        // head: TL 0.8 (head of Sub too, counted once) = 1.3 fte × 10 % = 0.13 fte
        let al = r.positions[m.position("AL")]
        assertClose(al.contributions.first?.ledFTE, 1.3, accuracy: 1e-12)
        assertClose(al.need, 0.13, accuracy: 1e-12)
        // SGL leads SB 2 → 0.2; TL leads X 3 → 0.3; Ext leads O1 0.25 → 0.025
        assertClose(r.positions[m.position("SGL")].need, 0.2, accuracy: 1e-12)
        assertClose(r.positions[m.position("TL")].need, 0.3, accuracy: 1e-12)
        assertClose(r.positions[m.position("Ext")].need, 0.025, accuracy: 1e-12)
        // Amt need = 0.13 + 0.2 + 0.3 = 0.63
        assertClose(r.units[m.unit("Amt")].need, 0.63, accuracy: 1e-12)
    }

    // MARK: Inheritance, unit work

    func testWorktimeAndAllowanceInheritanceNearestWins() {
        let (m, r) = analyze("""
            model M { worktime 1600 h; allowance 10 % }
            unit A {
              worktime 1000 h
              position P1 { planned 1 fte }
              position P2 { planned 1 fte; worktime 2000 h; allowance 5 % of worktime }
              unit B {
                allowance 0 %
                position P3 { planned 1 fte }
              }
            }
            position P4 { planned 1 fte }
            process X {
              volume 100 /year
              step S1 { by P1; time 10 h }
              step S2 { by P2; time 10 h }
              step S3 { by P3; time 10 h }
              step S4 { by P4; time 10 h }
              step S5 { by B; time 10 h }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        // each step: 100 × 10 h = 1,000 h of basic time
        // P1: unit A worktime 1,000, model allowance 10 % → 1,100 ÷ 1,000 = 1.1
        assertClose(r.positions[m.position("P1")].need, 1.1, accuracy: 1e-12)
        // P2: own worktime 2,000, own deduction 5 % → 1,000 ÷ 0.95 ÷ 2,000 = 0.526316
        assertClose(r.positions[m.position("P2")].need, 1000.0 / 0.95 / 2000.0, accuracy: 1e-12)
        // P3: worktime from A (1,000), allowance 0 % from B → 1.0
        assertClose(r.positions[m.position("P3")].need, 1.0, accuracy: 1e-12)
        // P4: model worktime 1,600, allowance 10 % → 1,100 ÷ 1,600 = 0.6875
        assertClose(r.positions[m.position("P4")].need, 0.6875, accuracy: 1e-12)
        // Work by unit B lands on B: worktime 1,000 (A), allowance 0 % (B) → 1.0
        let b = r.units[m.unit("B")]
        assertClose(b.ownNeed, 1.0, accuracy: 1e-12)
        // B need = P3 1.0 + own 1.0 = 2.0; A need = P1 1.1 + P2 0.526316 + B 2.0
        assertClose(b.need, 2.0, accuracy: 1e-12)
        assertClose(r.units[m.unit("A")].need, 1.1 + 1000.0 / 0.95 / 2000.0 + 2.0, accuracy: 1e-12)
        // Organisation total includes P4 (no unit): 3.626316 + 0.6875
        assertClose(r.totalNeed, 1.1 + 1000.0 / 0.95 / 2000.0 + 2.0 + 0.6875, accuracy: 1e-12)
    }

    // MARK: Costs

    func testCostsWithOverheadAndWorkplace() {
        let (m, r) = analyze("""
            model M { worktime 1600 h; overhead 25 %; workplace 10_000 EUR; rounding 0.5 fte }
            grade E9 { cost 60_000 EUR }
            unit U {
              position P { grade E9; planned 2 fte; filled 1.5 fte }
              position N { planned 1 fte }
            }
            process X {
              volume 1_000 /year
              step S { by P; time 2 h }
              step T { by N; time 1 h }
            }
            """)
        // W509 for N (no grade), no errors.
        XCTAssertEqual(m.errorCodes(), [])
        XCTAssertTrue(m.diagnostics.contains { $0.code == .positionWithoutGrade })
        let p = r.positions[m.position("P")]
        // cost per fte = 60,000 × 1.25 + 10,000 = 85,000
        assertClose(p.costPerFTE, 85_000)
        // planned cost = 2 × 85,000 = 170,000
        assertClose(p.plannedCost, 170_000)
        // need = 1,000 × 2 h = 2,000 h ÷ 1,600 = 1.25 fte → need cost 106,250; proposal ↑0.5 = 1.5
        assertClose(p.need, 1.25)
        assertClose(p.needCost, 106_250)
        assertClose(p.proposal, 1.5)
        // Position without grade: no cost at all, not 0.
        let n = r.positions[m.position("N")]
        XCTAssertNil(n.costPerFTE)
        XCTAssertNil(n.plannedCost)
        XCTAssertNil(n.needCost)
        // Unit sums the known costs and says that it is incomplete.
        let u = r.units[m.unit("U")]
        assertClose(u.plannedCost, 170_000)
        XCTAssertFalse(u.costComplete)
        // cost per case = 1.25 fte × 85,000 ÷ 1,000 = 106.25 (the N step has no cost → incomplete)
        let x = r.processes[m.process("X")]
        assertClose(x.costPerCase, 106.25)
        XCTAssertFalse(x.costComplete)
    }

    func testCostPerCaseIsNilWhenNothingCanBePriced() {
        let (m, r) = analyze("""
            model M { worktime 1000 h }
            grade G { cost 50_000 EUR }
            unit U { position N { planned 1 fte }; position P { grade G; planned 1 fte } }
            process OnlyUngraded { volume 10 /year; step S { by N; time 1 h } }
            process UnitWork { volume 10 /year; step S { by U; time 1 h } }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        // N has no grade: nothing of OnlyUngraded can be priced → no cost per case (not 0).
        XCTAssertNil(r.processes[m.process("OnlyUngraded")].costPerCase)
        XCTAssertFalse(r.processes[m.process("OnlyUngraded")].costComplete)
        // Work by a unit has no grade and is not priced: no cost per case (never a silent 0),
        // incomplete — like the unit's own cost.
        XCTAssertNil(r.processes[m.process("UnitWork")].costPerCase)
        XCTAssertFalse(r.processes[m.process("UnitWork")].costComplete)
    }

    func testFiguresWithCalledProcessesAndUnitWorkUnpriced() {
        let (m, r) = analyze("""
            model M { worktime 1000 h }
            grade G { cost 100_000 EUR }
            unit U { position P { grade G; planned 1 fte } }
            process Main { volume 100 /year
              step A { by P; time 1 h }
              step C { call Sub; share 50 % }
              step B { by U; time 2 h }
            }
            process Sub { volume 10 /year; step S { by P; time 30 min } }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        let sub = r.processes[m.process("Sub")], main = r.processes[m.process("Main")]
        // Sub: 10 + 100 × 1 × 50 % = 60 cases; 0,5 h per case; 60 × 0,5 ÷ 1000 = 0,03 fte;
        // 0,03 fte × 100.000 EUR ÷ 60 = 50 EUR per case, complete.
        assertClose(sub.cases, 60)
        assertClose(sub.fte, 0.03)
        assertClose(sub.costPerCase, 50)
        XCTAssertTrue(sub.costComplete)
        XCTAssertFalse(sub.hasCalls)
        assertClose(sub.staffHoursPerCaseWithCalls, 0.5)
        assertClose(sub.fteWithCalls, 0.03)
        // Main, own steps: 1 h + 2 h = 3 h per case; 100 × 3 ÷ 1000 = 0,3 fte; only A is priced
        // (B is done by the unit, no grade): 100 × 1 ÷ 1000 = 0,1 fte × 100.000 ÷ 100 = 100 EUR, incomplete.
        assertClose(main.staffHoursPerCase, 3)
        assertClose(main.fte, 0.3)
        assertClose(main.costPerCase, 100)
        XCTAssertFalse(main.costComplete)
        // With the called process: 3 + 0,5 executions × 0,5 h = 3,25 h per case;
        // 100 × (0,3 ÷ 100 + 0,5 × 0,03 ÷ 60) = 0,325 fte; 100 + 0,5 × 50 = 125 EUR per case.
        XCTAssertTrue(main.hasCalls)
        assertClose(main.staffHoursPerCaseWithCalls, 3.25)
        assertClose(main.fteWithCalls, 0.325)
        assertClose(main.costPerCaseWithCalls, 125)
        XCTAssertTrue(main.withCallsComplete)
        XCTAssertFalse(main.costWithCallsComplete)
    }

    func testProposalRoundingIsTolerantOfFloatingPointNoise() {
        XCTAssertEqual(Costs.roundUp(2.25, step: 0.25), 2.25)
        XCTAssertEqual(Costs.roundUp(2.2500000000000004, step: 0.25), 2.25)
        XCTAssertEqual(Costs.roundUp(2.2501, step: 0.25), 2.5)
        XCTAssertEqual(Costs.roundUp(0, step: 0.25), 0)
        XCTAssertEqual(Costs.roundUp(2.179245, step: 0.01), 2.18)
    }

    // MARK: Lead time, handoffs, digital

    func testLeadTimeCountsElapsedCalendarTime() {
        let (m, r) = analyze("""
            model M { worktime 1600 h }
            unit U { position P { planned 1 fte } }
            unit V { position Q { planned 1 fte } }
            actor Amt
            system S
            process Sub { step Z { by Q; time 12 h; wait 1 mo } }
            process L {
              volume 10 /year
              step A { by P; time 6 h; wait 2 d }
              step B { by Amt; wait 1 wk; share 50 % }
              step C { by S; time 30 min }
              step D { call Sub; share 10 % }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        // Sub: 12 h = 0.5 d + 1 mo = 30 d → 30.5 d
        assertClose(r.processes[m.process("Sub")].leadTimeDays, 30.5, accuracy: 1e-12)
        // L: A 6/24 + 2 = 2.25; B 0.5 × 7 = 3.5; C 0.5/24 = 0.0208333; D 0.1 × 30.5 = 3.05
        //    = 2.25 + 3.5 + 0.0208333 + 3.05 = 8.8208333 d
        assertClose(r.processes[m.process("L")].leadTimeDays, 2.25 + 3.5 + 0.5 / 24 + 3.05, accuracy: 1e-12)
        // handoffs: A(U) → B(Amt) with 0.5 → C(S); A → C with 0.5; B → C 0.5 → 1.5 (calling step D skipped)
        assertClose(r.processes[m.process("L")].handoffs, 1.5, accuracy: 1e-12)
        // steps = 1 + 0.5 + 1 + 0.1 = 2.6; by systems 1 → digital = 1 − 1/2.6 = 0.615385
        assertClose(r.processes[m.process("L")].steps, 2.6, accuracy: 1e-12)
        assertClose(r.processes[m.process("L")].digital, 1 - 1 / 2.6, accuracy: 1e-12)
    }

    /// Issue 17, item 1: a calling step adds its own `wait` and the callee's lead time (docs/language.md § 7.8).
    func testCallingStepAddsItsOwnWaitToTheCalleesLeadTime() {
        let (m, r) = analyze("""
            model M { worktime 1600 h }
            unit U { position S { planned 1 fte } }
            process Haupt { volume 100 /year
              step A { by S; time 60 min }
              step B { call Sub; wait 2 d } }
            process Sub { step X { by S; time 6 min; wait 1 d } }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        // Sub: 6 min = 0.1 h = 0.1/24 d + 1 d = 1.0041667 d
        assertClose(r.processes[m.process("Sub")].leadTimeDays, 0.1 / 24 + 1, accuracy: 1e-12)
        // Haupt: A 1/24 + B (2 d own wait + 1.0041667 d) = 3.0458333 d
        assertClose(r.processes[m.process("Haupt")].leadTimeDays, 1.0 / 24 + 2 + (0.1 / 24 + 1), accuracy: 1e-12)
        assertClose(r.processes[m.process("Haupt")].leadTimeDays, 3.045833, accuracy: 1e-6)
        assertClose(r.processes[m.process("Haupt")].nodes[m.node("Haupt", "B")].leadTimeDays, 3.0041667, accuracy: 1e-6)
        XCTAssertEqual(r.processes[m.process("Haupt")].leadTimeComplete, true)
    }

    /// A loop around a calling step: its wait and the callee's lead time count per visit.
    func testCallingStepWaitInALoop() {
        let (m, r) = analyze("""
            model M { worktime 1600 h }
            unit U { position S { planned 1 fte } }
            process Haupt { volume 100 /year
              step A { by S; time 60 min }
              step B { call Sub; wait 2 d; share 50 % }
              decide D {
                branch "again" 25 % -> B
                branch "done" 75 % -> end } }
            process Sub { step X { by S; time 6 min; wait 1 d } }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        // visits: A 1; B = 1 + 0.25 B → 4/3; D 4/3.
        // B per visit: share 0.5 × (2 d + 1.0041667 d) = 1.5020833 d; × 4/3 = 2.0027778 d
        // A: 1/24 = 0.0416667 d; the decision has no wait
        // total = 0.0416667 + 2.0027778 = 2.0444444 d
        let b = 4.0 / 3 * 0.5 * (2 + 0.1 / 24 + 1)
        assertClose(r.processes[m.process("Haupt")].nodes[m.node("Haupt", "B")].leadTimeDays, b, accuracy: 1e-12)
        assertClose(r.processes[m.process("Haupt")].leadTimeDays, 1.0 / 24 + b, accuracy: 1e-12)
        assertClose(r.processes[m.process("Haupt")].leadTimeDays, 2.0444444, accuracy: 1e-6)
    }

    func testHandoffsThroughDecisionsAndLoops() {
        let (m, r) = analyze("""
            model M { worktime 1600 h }
            unit U1 { position A { planned 1 fte }; position A2 { planned 1 fte } }
            unit U2 { position B { planned 1 fte } }
            process H {
              volume 1 /year
              step S1 { by A; time 1 h }
              decide D {
                branch "u2" 40 % -> S2
                branch "same unit" 60 % -> S3
              }
              step S2 { by B; time 1 h; next S4 }
              step S3 { by A2; time 1 h }
              decide Back {
                branch "again" 50 % -> S1
                branch "done" 50 % -> end
              }
              step S4 { by A; time 1 h; next Back }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        // Per pass: S1 →(0.4) S2 [U1→U2: handoff] → S4 [U2→U1: handoff] → Back;
        //           S1 →(0.6) S3 [same unit U1: none] → Back (S3 continues in source order).
        // Back → S1 with 0.5: S4 or S3 (U1) → S1 (U1): no handoff.
        // Expected passes = 1 / (1 − 0.5) = 2 → handoffs = 2 × (0.4 + 0.4) = 1.6
        assertClose(r.processes[m.process("H")].handoffs, 1.6, accuracy: 1e-12)
        // visits: S1 = 2, S2 = 0.8, S3 = 1.2, S4 = 0.8 → steps = 4.8 (decisions not counted)
        let h = r.processes[m.process("H")]
        assertClose(h.nodes[m.node("H", "S3")].visits, 1.2, accuracy: 1e-12)
        assertClose(h.nodes[m.node("H", "S4")].visits, 0.8, accuracy: 1e-12)
        assertClose(h.steps, 4.8, accuracy: 1e-12)
    }

    // MARK: Missing inputs

    func testMissingTimeAndWorktimeAreLeftOutNotZeroed() {
        let (m, r) = analyze("""
            unit U { position P { planned 1 fte; effort "x" 0.1 fte } }
            process X {
              volume 100 /year
              step A { by P; time 1 h }
              step B { by P }
            }
            """)
        // E501 (B has no time) and E503 (no worktime anywhere).
        XCTAssertTrue(m.errorCodes().contains("E501"))
        XCTAssertTrue(m.errorCodes().contains("E503"))
        let p = r.positions[m.position("P")]
        // Only the fte effort is known: 0.1; A needs worktime, B needs time.
        assertClose(p.need, 0.1)
        XCTAssertFalse(p.complete)
        XCTAssertEqual(Set(p.missing.map(\.kind).filter { $0 != .cost }), [.time, .worktime])
        // Basic hours are still known for A: 100 h (no worktime needed for that).
        assertClose(r.processes[m.process("X")].nodes[0].hoursPerYear, 100)
        XCTAssertNil(r.processes[m.process("X")].nodes[0].fte)
        XCTAssertFalse(r.processes[m.process("X")].complete)
    }

    func testBrokenFlowGivesNoVisits() {
        let (m, r) = analyze("""
            model M { worktime 1000 h }
            unit U { position P { planned 1 fte } }
            process X {
              volume 100 /year
              step A { by P; time 1 h }
              decide D {
                branch "a" 50 % -> A
                branch "b" 30 % -> end
              }
            }
            process Y {
              volume 10 /year
              step S { by P; time 1 h }
            }
            """)
        XCTAssertTrue(m.errorCodes().contains("E401"))
        XCTAssertNil(r.processes[m.process("X")].nodes[0].visits)
        XCTAssertFalse(r.processes[m.process("X")].flowSolved)
        // Y still counts: 10 h ÷ 1,000 = 0.01 fte; the position is flagged incomplete.
        let p = r.positions[m.position("P")]
        assertClose(p.need, 0.01, accuracy: 1e-12)
        XCTAssertTrue(p.missing.contains { $0.kind == .flow })
    }

    func testCaseThatCannotEndGivesNoVisits() {
        let (m, r) = analyze("""
            model M { worktime 1000 h }
            unit U { position P { planned 1 fte } }
            process X {
              volume 100 /year
              step A { by P; time 1 h }
              step B { by P; time 1 h; next A }
            }
            """)
        XCTAssertTrue(m.errorCodes().contains("E403"))
        XCTAssertNil(r.processes[0].nodes[0].visits)
        assertClose(r.positions[0].need, 0)
        XCTAssertFalse(r.positions[0].complete)
    }

    func testOnlyCallingProcessWithoutVolumeIsReported() {
        let (m, r) = analyze("""
            model M { worktime 1000 h }
            unit U { position P { planned 1 fte } }
            process Caller { step C { call Leaf } }
            process Leaf { volume 10 /year; step S { by P; time 1 h } }
            """)
        // The checker reports it: Caller runs Leaf but has no cases of its own and no caller.
        XCTAssertEqual(m.errorCodes(), ["E504"])
        // Leaf: own 10 cases known, the caller's part unknown → 10 cases, flagged incomplete.
        assertClose(r.processes[m.process("Leaf")].cases, 10)
        XCTAssertFalse(r.processes[m.process("Leaf")].casesComplete)
        assertClose(r.positions[0].need, 0.01, accuracy: 1e-12)
        XCTAssertFalse(r.positions[0].complete)
    }

    // MARK: Determinism and robustness

    func testSameModelSameNumbers() {
        let (_, a) = analyze(Self.worked)
        let (_, b) = analyze(Self.worked)
        XCTAssertEqual(a.positions.map(\.need), b.positions.map(\.need))
        XCTAssertEqual(a.dna.ranking, b.dna.ranking)
    }

    func testEmptyAndGarbageModelsDoNotTrap() {
        for src in ["", "process P {}", "unit U { head X }", "process P { step A { call P } }",
                    "model M { worktime 0 h }\nunit U { position P { coverage 10 h /week } }",
                    "process P { volume 5 /day; step A { by Nobody; time 1 h } }",
                    "process P { decide D { } }", "process P { step A { next Z } }",
                    "dna { criterion c { weight 1; scale 1..1 } }\nprocess P { dna { c 1 } }"] {
            let (_, r) = analyze(src)
            for p in r.positions { XCTAssertTrue(p.need.isFinite) }
            for s in r.dna.scores { if let v = s.score { XCTAssertTrue(v.isFinite) } }
        }
    }
}
