import XCTest
import Foundation
import OrgaSyntax
import OrgaSemantics
import OrgaTestSupport
@testable import OrgaAnalysis

/// Scenarios, sequential attribution, measure economics and targets, against figures
/// worked out by hand (the arithmetic is in the comments).
final class WhatIfTests: XCTestCase {
    /// The worked example of docs/staffing.md: SB does Meldung 2,400 × 45 min (Erfassen
    /// 30 + Pruefen 15) and Widerspruch 900 × 90 min; worktime 1,590 h, allowance 10 %.
    static let workedExample = """
        model M { year 2024; worktime 1590 h; allowance 10 %; overhead 20 %; workplace 10_000 EUR }
        grade E9 { cost 60_000 EUR }
        unit A { position SB { planned 3 fte; grade E9 } }
        process Meldung {
          owner A
          volume 2_400 /year
          step Erfassen { by SB; time 30 min }
          step Pruefen { by SB; time 15 min }
        }
        process Widerspruch {
          owner A
          volume 900 /year
          step Bearbeiten { by SB; time 90 min }
        }
        measure DMS { cost 20_000 EUR }
        measure EAkte "E-Akte" {
          requires DMS
          cost 40_000 EUR
          running 1_000 EUR /year
          change Meldung.Erfassen time -50 %
        }
        scenario Nur { apply DMS; apply EAkte }
        scenario Soll {
          change Meldung volume +10 %
          apply DMS
          apply EAkte
        }
        """

    func testWorkedExample() throws {
        let (model, base) = analyze(Self.workedExample)
        XCTAssertEqual(model.errorCodes(), [])
        // Base: (2,400 × 0.75 h + 900 × 1.5 h) × 1.1 ÷ 1,590 h = 3,465 ÷ 1,590 = 2.17925 fte.
        assertClose(base.totalNeed, 3465.0 / 1590)
        let nur = ScenarioEvaluator.attribute(model, scenario: ScenarioID(0), base: base)
        // EAkte alone: 2,400 × 15 min × 1.1 ÷ 1,590 = 660 ÷ 1,590 = 0.41509 fte saved → 1.76415 fte.
        assertClose(nur.staffing.totalNeed, 2805.0 / 1590)
        XCTAssertEqual(nur.entries.count, 2)
        assertClose(nur.entries[0].deltaNeed, 0)
        assertClose(nur.entries[1].deltaNeed, -660.0 / 1590)
        let soll = ScenarioEvaluator.attribute(model, scenario: ScenarioID(1), base: base)
        XCTAssertEqual(soll.entries.count, 3)
        // Volume +10 %: 240 × 0.75 h × 1.1 ÷ 1,590 = 198 ÷ 1,590 = +0.12453 fte.
        assertClose(soll.entries[0].deltaNeed, 198.0 / 1590)
        XCTAssertFalse(soll.entries[0].isApply)
        // EAkte after the growth: 2,640 × 0.25 h × 1.1 ÷ 1,590 = 726 ÷ 1,590 = −0.45660 fte.
        assertClose(soll.entries[2].deltaNeed, -726.0 / 1590)
        // Scenario: 2.17925 + 0.12453 − 0.45660 = 1.84717 fte (= 2,937 ÷ 1,590).
        assertClose(soll.staffing.totalNeed, 2937.0 / 1590)
        XCTAssertEqual(String(format: "%.3f", soll.staffing.totalNeed), "1.847")
        // Economics of EAkte in Soll: cost per fte 60,000 × 1.2 + 10,000 = 82,000 EUR;
        // Δ need cost = −726/1,590 × 82,000 = −37,441.51 EUR; saving 37,441.51 − 1,000 running
        // = 36,441.51 EUR/year; payback 40,000 ÷ 36,441.51 = 1.0976 years.
        let e = soll.entries[2]
        assertClose(e.deltaNeedCost, -726.0 / 1590 * 82_000, accuracy: 1e-6)
        assertClose(e.annualSaving, 726.0 / 1590 * 82_000 - 1_000, accuracy: 1e-6)
        assertClose(e.paybackYears, 40_000 / (726.0 / 1590 * 82_000 - 1_000), accuracy: 1e-9)
        // DMS moves nothing: its saving is −0 − 0 = 0, so no payback.
        assertClose(soll.entries[1].annualSaving, 0)
        XCTAssertNil(soll.entries[1].paybackYears)
        // The base model is untouched.
        XCTAssertEqual(model.processes[model.process("Meldung")].nodes[0].timeHours, 0.5)
        // Per position and unit: the whole effect lands on SB and its unit A.
        assertClose(e.positions[model.position("SB").index], -726.0 / 1590)
        assertClose(e.units[model.unit("A").index], -726.0 / 1590)
    }

    func testEvaluateIsTheFullCalculationOnTheChangedModel() {
        let (model, _) = analyze(Self.workedExample)
        let (changed, staffing) = ScenarioEvaluator.evaluate(model, scenario: ScenarioID(1))
        // Meldung's volume and Erfassen's time as the scenario leaves them: 2,640 /year, 15 min.
        assertClose(changed.processes[changed.process("Meldung")].volumePerYear, 2640)
        assertClose(changed.processes[changed.process("Meldung")].nodes[0].timeHours, 0.25)
        assertClose(staffing.totalNeed, 2937.0 / 1590)
    }

    func testIncompleteEconomicsWhenUnitWorkMoves() {
        let (model, base) = analyze("""
            model M { year 2024; worktime 1600 h }
            unit A { position SB { planned 1 fte } }
            process P { owner A; volume 1_600 /year; step S { by A; time 60 min } }
            measure Halb { cost 1_000 EUR; change P.S time -50 % }
            scenario S { apply Halb }
            """)
        let r = ScenarioEvaluator.attribute(model, scenario: ScenarioID(0), base: base)
        // Unit work 1,600 h ÷ 1,600 h = 1 fte → 0.5 fte; unit work has no price: incomplete.
        assertClose(r.entries[0].deltaNeed, -0.5)
        XCTAssertNil(r.entries[0].deltaNeedCost)
        XCTAssertNil(r.entries[0].annualSaving)
        XCTAssertNil(r.entries[0].paybackYears)
    }

    /// Two units, save 3 fte. Amt1: planned 4, need 3 (potential 1); Amt2: planned 6,
    /// need 6 (potential 0). Across: 3 × 4/10 = 1.2 and 3 × 6/10 = 1.8 → covers
    /// 4 − 1.2 − 3 = −0.2 and 6 − 1.8 − 6 = −1.8 (both below need, 2.0 under cover).
    /// Potential: Σ potential 1 < 3 → cut 1 and 0, shortfall 2 → covers 0 and 0.
    func testTargetWithShortfall() throws {
        let (model, base) = analyze("""
            model M { year 2024; worktime 1600 h }
            grade G { cost 50_000 EUR }
            unit Dez {
              unit Amt1 { position P1 { planned 4 fte; grade G } }
              unit Amt2 { position P2 { planned 6 fte; grade G } }
            }
            process X { owner Amt1; volume 4_800 /year; step S { by P1; time 60 min } }
            process Y { owner Amt2; volume 9_600 /year; step S { by P2; time 60 min } }
            target T "Sparziel" { save 3 fte; across Dez }
            target Geld { save 100_000 EUR /year; across Dez }
            """)
        XCTAssertEqual(model.errorCodes(), [])
        let r = try XCTUnwrap(Targets.evaluate(model, target: TargetID(0), staffing: base))
        XCTAssertEqual(r.rows.map(\.unit), [model.unit("Amt1"), model.unit("Amt2")])
        assertClose(r.rows[0].need, 3); assertClose(r.rows[1].need, 6)
        assertClose(r.rows[0].cutAcross, 1.2); assertClose(r.rows[1].cutAcross, 1.8)
        assertClose(r.rows[0].coverAcross, -0.2); assertClose(r.rows[1].coverAcross, -1.8)
        assertClose(r.rows[0].cutPotential, 1); assertClose(r.rows[1].cutPotential, 0)
        assertClose(r.shortfall, 2)
        XCTAssertEqual(r.belowNeedAcross, 2)
        XCTAssertEqual(r.belowNeedPotential, 0)
        assertClose(r.underCoverAcross, 2.0)
        assertClose(r.underCoverPotential, 0)
        XCTAssertEqual(Targets.shortfallDiagnostic(model, SourceMap(), r)?.code, .targetShortfall)
        // EUR: C = 200,000 and 300,000; across 100,000 × 2/5 = 40,000 EUR → 40,000 × 4/200,000 = 0.8 fte,
        // and 60,000 EUR → 1.2 fte. Potential in EUR: 1 × 200,000/4 = 50,000 < 100,000 →
        // cut 50,000 EUR = 1 fte, shortfall 50,000 EUR/year.
        let g = try XCTUnwrap(Targets.evaluate(model, target: TargetID(1), staffing: base))
        assertClose(g.rows[0].cutAcross, 0.8); assertClose(g.rows[1].cutAcross, 1.2)
        assertClose(g.rows[0].cutPotential, 1); assertClose(g.rows[1].cutPotential, 0)
        assertClose(g.shortfall, 50_000, accuracy: 1e-6)
    }

    /// Reachable: save 0.5 fte against potentials 1 and 0 → the whole cut on Amt1.
    func testTargetReachableAndPotentialScenario() throws {
        let (model, base) = analyze("""
            model M { year 2024; worktime 1600 h }
            unit Amt1 { position P1 { planned 4 fte } }
            unit Amt2 { position P2 { planned 2 fte } }
            process X { owner Amt1; volume 4_800 /year; step S { by P1; time 60 min } }
            process Y { owner Amt2; volume 3_200 /year; step S { by P2; time 60 min } }
            scenario Weniger { change Y volume -50 % }
            target T { save 0.5 fte; across Amt1, Amt2 }
            target U { save 2 fte; across Amt1, Amt2; potential Weniger }
            """)
        let w = WhatIfAnalysis.analyze(model, base: base)
        XCTAssertEqual(w.targets.count, 2)
        let t = w.targets[0]
        assertClose(t.shortfall, 0)
        assertClose(t.rows[0].cutPotential, 0.5); assertClose(t.rows[1].cutPotential, 0)
        // With Weniger Amt2 needs 1 fte: potentials 1 and 1, save 2 → cuts 1 and 1, no shortfall.
        let u = w.targets[1]
        XCTAssertEqual(u.potentialScenario, ScenarioID(0))
        assertClose(u.rows[1].need, 1)
        assertClose(u.rows[0].cutPotential, 1); assertClose(u.rows[1].cutPotential, 1)
        assertClose(u.shortfall, 0)
    }

    /// Property: on generated scenarios, the entries' effects add up to scenario − base
    /// (total need, need per position and unit, cost when complete).
    func testAttributionAddsUp() {
        var rng = SeededRandom(for: self, default: 0x5CE7A810)
        for _ in 0..<25 {
            let text = Self.generatedScenarioModel(&rng)
            let (model, base) = analyze(text)
            for s in model.scenarios.ids {
                let r = ScenarioEvaluator.attribute(model, scenario: s, base: base)
                let sum = r.entries.reduce(0.0) { $0 + $1.deltaNeed }
                XCTAssertEqual(sum, r.staffing.totalNeed - base.totalNeed, accuracy: 1e-9, text)
                for i in model.positions.indices {
                    let d = r.entries.reduce(0.0) { $0 + $1.positions[i] }
                    XCTAssertEqual(d, r.staffing.positions[i].need - base.positions[i].need, accuracy: 1e-9)
                }
                for u in model.units.indices {
                    let d = r.entries.reduce(0.0) { $0 + $1.units[u] }
                    XCTAssertEqual(d, r.staffing.units[u].need - base.units[u].need, accuracy: 1e-9)
                }
                let costs = r.entries.compactMap(\.deltaNeedCost)
                if costs.count == r.entries.count {
                    XCTAssertEqual(costs.reduce(0, +), r.staffing.totalNeedCost - base.totalNeedCost, accuracy: 1e-6)
                }
                // The scenario's own result equals the attribution's end state.
                XCTAssertEqual(ScenarioEvaluator.evaluate(model, scenario: s).staffing.totalNeed, r.staffing.totalNeed, accuracy: 1e-12)
            }
        }
    }

    /// The quick path (only what an entry touches is recomputed) gives the same effects
    /// as running the whole engine after every entry, on generated scenarios with calls.
    func testQuickPathMatchesTheWholeEngine() {
        var rng = SeededRandom(for: self, default: 0x9A1C_0FF5)
        for _ in 0..<25 {
            var text = Self.generatedScenarioModel(&rng)
            text += "process Gerufen { owner U0; step G { by P0; time 10 min } }\n"
            text += "process Ruft { owner U0; volume 500 /year; step R { call Gerufen; share 50 % } }\n"
            text += "scenario Aufruf { change Ruft volume +20 %; change Ruft.R share 80 %; change Gerufen.G time -2 min }\n"
            let (model, base) = analyze(text)
            for s in model.scenarios.ids {
                let quick = ScenarioEvaluator.attribute(model, scenario: s, base: base, baseCache: nil, quickPath: true)
                let full = ScenarioEvaluator.attribute(model, scenario: s, base: base, baseCache: nil, quickPath: false)
                XCTAssertEqual(quick.entries.count, full.entries.count)
                for (q, f) in zip(quick.entries, full.entries) {
                    XCTAssertEqual(q.deltaNeed, f.deltaNeed, accuracy: 1e-9, text)
                    XCTAssertEqual(q.deltaCases, f.deltaCases, accuracy: 1e-6, text)
                    XCTAssertEqual(q.deltaHours, f.deltaHours, accuracy: 1e-6, text)
                    XCTAssertEqual(q.deltaNeedCost == nil, f.deltaNeedCost == nil, text)
                    if let a = q.deltaNeedCost, let b = f.deltaNeedCost { XCTAssertEqual(a, b, accuracy: 1e-6) }
                    for (x, y) in zip(q.units, f.units) { XCTAssertEqual(x, y, accuracy: 1e-9) }
                    for (x, y) in zip(q.positions, f.positions) { XCTAssertEqual(x, y, accuracy: 1e-9) }
                }
                XCTAssertEqual(quick.staffing.totalNeed, full.staffing.totalNeed, accuracy: 1e-9)
            }
        }
    }

    /// 10,000 applies of one measure and 2,000 measures in one scenario: evaluated in
    /// linear time, the repeated applies skipped (E707), every entry attributed.
    func testHostileScenariosAreEvaluatedInLinearTime() {
        var text = Self.workedExample + "\nmeasure X { change Meldung.Erfassen time -1 % }\nscenario Viele {\n"
        text += String(repeating: "  apply X\n", count: 10_000) + "}\n"
        for i in 0..<2_000 { text += "measure K\(i) { change Meldung volume +1 % }\n" }
        text += "scenario Kette {\n" + (0..<2_000).map { "  apply K\($0)\n" }.joined() + "}\n"
        let start = Date()
        let (model, base) = analyze(text)
        XCTAssertEqual(Set(model.errorCodes()), ["E707"])
        let w = WhatIfAnalysis.analyze(model, base: base)
        XCTAssertLessThan(Date().timeIntervalSince(start), 60)
        let viele = w.scenarios[model.scenarios.firstID { $0.name == "Viele" } ?? ScenarioID(0)]
        XCTAssertEqual(viele.entries.count, 10_000)
        // Only the first apply changes anything: Erfassen 30 min × 0.99 → −2,400 × 0.3 min × 1.1 ÷ 1,590 h.
        assertClose(viele.deltaNeed, -2400 * 0.3 / 60 * 1.1 / 1590)
        XCTAssertEqual(viele.entries.dropFirst().filter { $0.deltaNeed != 0 }.count, 0)
        let kette = w.scenarios[model.scenarios.firstID { $0.name == "Kette" } ?? ScenarioID(0)]
        XCTAssertEqual(kette.entries.count, 2_000)
        // Meldung's volume × 1.01^2000: the sum of the entries is the scenario's Δ.
        XCTAssertEqual(kette.entries.reduce(0) { $0 + $1.deltaNeed }, kette.deltaNeed, accuracy: 1e-6 * max(1, abs(kette.deltaNeed)))
    }

    static func generatedScenarioModel(_ rng: inout SeededRandom) -> String {
        var out = "model M { year 2024; worktime 1600 h; allowance 10 % }\ngrade G { cost 50_000 EUR }\n"
        let units = Int.random(in: 1...3, using: &rng)
        for u in 0..<units {
            out += "unit U\(u) { position P\(u) { planned 2 fte; grade G }; position Q\(u) { planned 1 fte } }\n"
        }
        let processes = Int.random(in: 1...4, using: &rng)
        for p in 0..<processes {
            out += "process X\(p) { owner U0; volume \(Int.random(in: 100...5000, using: &rng)) /year\n"
            out += "  step A { by P\(Int.random(in: 0..<units, using: &rng)); time \(Int.random(in: 5...90, using: &rng)) min }\n"
            out += "  decide D { branch \"ja\" 60 % -> B; branch \"nein\" 40 % -> end }\n"
            out += "  step B { by Q\(Int.random(in: 0..<units, using: &rng)); time \(Int.random(in: 5...90, using: &rng)) min }\n}\n"
        }
        func change() -> String {
            let p = Int.random(in: 0..<processes, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: return "change X\(p) volume \(["+", "-"].randomElement(using: &rng)!)\(Int.random(in: 1...40, using: &rng)) %"
            case 1: return "change X\(p).A time -\(Int.random(in: 1...4, using: &rng)) min"
            case 2: return "change X\(p).B time \(Int.random(in: 5...60, using: &rng)) min"
            case 3: return "change X\(p).B by P\(Int.random(in: 0..<units, using: &rng))"
            case 4: return "change P\(Int.random(in: 0..<units, using: &rng)) effort \"Extra\" \(Int.random(in: 1...5, using: &rng)) fte"
            case 5: return "change X\(p).A skip"
            default: return "change model allowance \(Int.random(in: 5...15, using: &rng)) %"
            }
        }
        let measures = Int.random(in: 1...4, using: &rng)
        for m in 0..<measures {
            out += "measure M\(m) { cost \(Int.random(in: 0...50_000, using: &rng)) EUR\n"
            for _ in 0..<Int.random(in: 1...3, using: &rng) { out += "  \(change())\n" }
            out += "}\n"
        }
        for s in 0..<Int.random(in: 1...3, using: &rng) {
            out += "scenario S\(s) {\n"
            for m in (0..<measures).shuffled(using: &rng) {
                if Bool.random(using: &rng) { out += "  \(change())\n" }
                out += "  apply M\(m)\n"
            }
            out += "}\n"
        }
        return out
    }
}
