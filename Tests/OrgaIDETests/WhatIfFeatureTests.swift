import XCTest
import Foundation
import OrgaSyntax
import OrgaIDE
import OrgaTestSupport

/// Language features for measures, scenarios and targets: hovers with their figures,
/// Δ fte hints on scenario entries, completion inside `change`, references and rename
/// through `Process.Step` targets.
final class WhatIfFeatureTests: XCTestCase {
    /// The worked example of docs/staffing.md (SB: Meldung 2,400 × (15 + 30) min,
    /// Widerspruch 900 × 90 min, 1,590 h, 10 % → 2.179 fte), priced at 60,000 EUR per fte.
    static let text = """
        model M { year 2024; worktime 1590 h; allowance 10 % }
        grade E9 { cost 60_000 EUR }
        unit A { position SB { planned 3 fte; grade E9 } }
        process Meldung {
          owner A
          volume 2_400 /year
          step Pruefen { by SB; time 15 min }
          step Erfassen { by SB; time 30 min }
        }
        process Widerspruch { owner A; volume 900 /year; step Bearbeiten { by SB; time 90 min } }
        measure DMS { cost 10_000 EUR }
        measure EAkte "E-Akte" {
          requires DMS
          cost 40_000 EUR
          change Meldung.Erfassen time -50 %
        }
        scenario Soll {
          change Meldung volume +10 %
          apply DMS
          apply EAkte
        }
        target T { save 1 fte; across A; potential Soll }

        """

    var dir = ""
    let workspace = IDEWorkspace()

    func open(_ text: String = WhatIfFeatureTests.text) throws -> DocContext {
        dir = try makeTemporaryDirectory().path
        return try workspace.openFile(text, in: dir)
    }

    func testHovers() throws {
        let ctx = try open()
        let t = Self.text
        // EAkte in Soll: −2,640 × 15 min × 1.1 ÷ 1,590 = −0.4566 fte; cost per fte 60,000 EUR
        // → saving 27,396 EUR/year; payback 40,000 ÷ 27,396.23 = 1.46 years.
        let measure = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "measure EAkte", 9))).markdown
        XCTAssertTrue(measure.contains("**measure** `EAkte` — \"E-Akte\""), measure)
        XCTAssertTrue(measure.contains("in `Soll`: **-0.457 fte** · saving 27,396 EUR/year · payback 1.46 years"), measure)
        // Soll: 2.179 + 0.1245 − 0.4566 = 1.847 fte.
        let scenario = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "scenario Soll", 10))).markdown
        XCTAssertTrue(scenario.contains("need **1.847 fte** (base 2.179, **-0.332 fte**)"), scenario)
        // T: A plans 3 fte, needs 1.847 in Soll → potential 1.153 ≥ 1: both cuts 1 fte, no unit below need.
        let target = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "target T", 7))).markdown
        XCTAssertTrue(target.contains("across the board: cut **1 fte** · 0 units below need"), target)
        XCTAssertTrue(target.contains("by potential: cut **1 fte**"), target)
    }

    func testInlayHintsShowEachEntrysEffect() throws {
        let ctx = try open()
        let t = Self.text
        let hints = workspace.inlayHints(ctx, from: 0, to: t.utf8.count).filter { $0.label.hasPrefix("Δ") }
        XCTAssertEqual(hints.map(\.label), ["Δ +0.125 fte", "Δ 0 fte", "Δ -0.457 fte"])
        XCTAssertEqual(hints.map(\.offset), [offset(t, "change Meldung volume +10 %", 27), offset(t, "apply DMS", 9), offset(t, "apply EAkte", 11)])
    }

    func testCompletionInsideChange() throws {
        let t = Self.text.replacingOccurrences(of: "  apply DMS\n", with: "  apply DMS\n  change \n  change Meldung.\n  change Meldung.Erfassen \n  change SB \n  change Meldung.Erfassen by \n")
        let ctx = try open(t)
        func labels(_ at: Int) -> [String] { workspace.completion(ctx, at: at).items.map(\.label) }
        let targets = labels(offset(t, "  change \n", 9))
        XCTAssertEqual(targets.first, "model")
        XCTAssertTrue(Set(["A", "E9", "Meldung", "SB", "Widerspruch"]).isSubset(of: Set(targets)), "\(targets)")
        XCTAssertFalse(targets.contains("EAkte"), "measures are no targets")
        XCTAssertEqual(labels(offset(t, "change Meldung.\n", 15)), ["Pruefen", "Erfassen"])
        XCTAssertEqual(labels(offset(t, "change Meldung.Erfassen \n", 24)), ["time", "wait", "share", "by", "media_break", "skip"])
        XCTAssertEqual(labels(offset(t, "change SB \n", 10)), ["planned", "filled", "coverage", "effort", "grade", "worktime", "allowance"])
        XCTAssertEqual(labels(offset(t, "Erfassen by \n", 12)), ["A", "SB"])
    }

    func testReferencesAndRenameThroughChangeTargets() throws {
        let ctx = try open()
        let t = Self.text
        let at = offset(t, "step Erfassen", 6)
        let refs = workspace.references(ctx, at: at, includeDeclaration: true)
        XCTAssertEqual(refs.map(\.range.start).sorted(), [offset(t, "step Erfassen", 5), offset(t, "Meldung.Erfassen", 8)])
        let edit = try workspace.rename(ctx, at: at, to: "Aufnehmen")
        XCTAssertEqual(edit.edits(of: dir + "/m.orga").map(\.newText), ["Aufnehmen", "Aufnehmen"])
        // Measures: `requires` and `apply` are references.
        let dms = workspace.references(ctx, at: offset(t, "measure DMS", 9), includeDeclaration: false)
        XCTAssertEqual(dms.count, 2, "requires DMS, apply DMS")
        // The process part of `Meldung.Erfassen` goes to the process.
        let def = try XCTUnwrap(workspace.definition(ctx, at: offset(t, "Meldung.Erfassen", 2)))
        XCTAssertEqual(def.range.start, offset(t, "process Meldung", 8))
    }
}
