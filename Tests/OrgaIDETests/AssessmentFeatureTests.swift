import OrgaTestSupport
import XCTest
import Foundation
import OrgaSyntax
import OrgaIDE

/// Hover, completion, references and rename in matrices and responsibility charts.
final class AssessmentFeatureTests: XCTestCase {
    var dir = ""
    var workspace = IDEWorkspace()

    static let text = """
        unit Amt { head AL; position AL { planned 1 fte }; position SB { planned 2 fte } }
        actor Team
        process P { owner Amt; volume 10 /year; step S { by SB; time 5 min } }
        matrix Reife {
          scale 1..4
          area Technik; area Prozesse
          aspect passt; aspect flexibel
          rating AL { rate Technik 2, 3; rate Prozesse 1, 1 }
          rating Team { rate Technik 4, 2; rate Prozesse 1, - }
          rating Ziel { target; rate Technik 4, 4; rate Prozesse 3, 3 }
        }
        raci Chart {
          task T1 { step P.S; R SB; A AL; C Team }
          task T2 { R SB, Team; A AL }
        }

        """

    override func setUpWithError() throws {
        dir = try makeTemporaryDirectory().path
        workspace = IDEWorkspace()
    }

    func open(_ text: String = AssessmentFeatureTests.text) throws -> DocContext {
        return try workspace.openFile(text, in: dir)
    }

    func testHoverOnARateValueShowsTheCell() throws {
        let ctx = try open()
        let t = Self.text
        // Technik × passt: AL 2, Team 4 → mean 3, spread 2 (≥ 1.5, half of 1..4: disagree); target 4, gap 1.
        let h = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "rate Technik 2", 13)))
        XCTAssertTrue(h.markdown.contains("**Technik × passt**"), h.markdown)
        XCTAssertTrue(h.markdown.contains("`AL` rates **2**"), h.markdown)
        XCTAssertTrue(h.markdown.contains("index (mean of 2 raters) **3** · min 2 · max 4 · spread **2** ⚑ raters disagree"), h.markdown)
        XCTAssertTrue(h.markdown.contains("target **4** · gap **+1**"), h.markdown)
        XCTAssertEqual(h.range, ByteRange(offset(t, "rate Technik 2", 13), offset(t, "rate Technik 2", 14)))
        // Prozesse × flexibel: AL 1, Team `-` → mean 1 of 1 rater; target 3, gap 2.
        let dash = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "1, - }", 3)))
        XCTAssertTrue(dash.markdown.contains("rates **`-` (not given)**"), dash.markdown)
        XCTAssertTrue(dash.markdown.contains("index (mean of 1 rater) **1**"), dash.markdown)
        XCTAssertTrue(dash.markdown.contains("gap **+2**"), dash.markdown)
        // An area name: the mean of its cells. Technik: passt 3, flexibel (3 + 2) / 2 = 2.5 → (3 + 2.5) / 2 = 2.75.
        let area = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "rate Technik 2", 6)))
        XCTAssertTrue(area.markdown.contains("mean of its cells **2.75**"), area.markdown)
    }

    func testHoverOnAPartyShowsItsCounts() throws {
        let ctx = try open()
        let t = Self.text
        // SB: R in T1 and T2. Team: C in T1, R in T2.
        let sb = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "R SB;", 3)))
        XCTAssertTrue(sb.markdown.contains("**position** `SB`"), sb.markdown)
        XCTAssertTrue(sb.markdown.contains("in chart `Chart`: **R 2** · **A 0** · **C 0** · **I 0**"), sb.markdown)
        let team = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "C Team", 3)))
        XCTAssertTrue(team.markdown.contains("**R 1** · **A 0** · **C 1** · **I 0**"), team.markdown)
    }

    func testCompletion() throws {
        let t = Self.text.replacingOccurrences(of: "  rating AL { rate Technik 2, 3; rate Prozesse 1, 1 }",
                                               with: "  rating AL { rate Technik 2, 3; rate Prozesse 1, 1 }\n  rating Te { rate  }\n  rating X { rate Prozesse 1, }")
            .replacingOccurrences(of: "task T2 { R SB, Team; A AL }", with: "task T2 { R SB, Team; A A }\n  task T3 { step P. }")
        let ctx = try open(t)
        func labels(_ at: Int) -> [String] { workspace.completion(ctx, at: at).items.map(\.label) }
        XCTAssertEqual(labels(offset(t, "rating Te", 9)), ["Team"])                         // raters
        XCTAssertEqual(labels(offset(t, "rate  }", 5)), ["Technik", "Prozesse"])           // areas
        XCTAssertEqual(labels(offset(t, "Prozesse 1, }", 12)), ["1", "2", "3", "4", "-"]) // the second aspect's values
        let item = workspace.completion(ctx, at: offset(t, "Prozesse 1, }", 12)).items.first
        XCTAssertEqual(item?.detail, "aspect 2 of 2: flexibel")
        XCTAssertEqual(Set(labels(offset(t, "A A }", 3))), ["AL", "Amt", "Team"])           // parties (Team contains an a)
        XCTAssertEqual(labels(offset(t, "step P. }", 7)), ["S"])                           // steps of P
    }

    func testReferencesAndRenameOfAnArea() throws {
        let ctx = try open()
        let t = Self.text
        let refs = workspace.references(ctx, at: offset(t, "area Technik", 6), includeDeclaration: true)
        XCTAssertEqual(refs.count, 4)   // the declaration and three `rate Technik`
        let edit = try workspace.rename(ctx, at: offset(t, "rate Technik 4, 2", 6), to: "IT")
        XCTAssertEqual(edit.edits(of: dir + "/m.orga").count, 4)
        XCTAssertEqual(try workspace.prepareRename(ctx, at: offset(t, "area Prozesse", 7)).placeholder, "Prozesse")
        XCTAssertThrowsError(try workspace.rename(ctx, at: offset(t, "area Technik", 6), to: "Prozesse"))
        // A rater is a reference to the model's position: renaming AL renames the rating and the party.
        let al = try workspace.rename(ctx, at: offset(t, "position AL", 10), to: "Leitung")
        XCTAssertEqual(al.edits(of: dir + "/m.orga").count, 5)   // head, declaration, rating AL, A AL twice
        let step = workspace.references(ctx, at: offset(t, "step S", 5), includeDeclaration: false)
        XCTAssertEqual(step.count, 1)   // `step P.S` in task T1
    }
}

extension AssessmentFeatureTests {
    func testInlayHintsShowIndicesAndGaps() throws {
        let ctx = try open()
        let t = Self.text
        _ = workspace.staffing(ctx.state)   // hints come with the staffing figures
        let hints = workspace.inlayHints(ctx, from: 0, to: t.utf8.count)
        func hint(after needle: String) -> String? {
            let end = offset(t, needle) + needle.utf8.count
            return hints.first { $0.offset == end }?.label
        }
        // Technik: passt (2 + 4) / 2 = 3, flexibel (3 + 2) / 2 = 2.5.
        XCTAssertEqual(hint(after: "rate Technik 2, 3"), "⌀ 3 · 2.5")
        XCTAssertEqual(hint(after: "rate Technik 4, 2"), "⌀ 3 · 2.5")
        // Prozesse: passt (1 + 1) / 2 = 1, flexibel 1 (Team gave `-`); target 3, 3 → gaps 2, 2.
        XCTAssertEqual(hint(after: "rate Prozesse 1, -"), "⌀ 1 · 1")
        XCTAssertEqual(hint(after: "rate Prozesse 3, 3"), "gap +2 · +2")
        // Target Technik 4, 4 → gaps 4 − 3 = 1, 4 − 2.5 = 1.5.
        XCTAssertEqual(hint(after: "rate Technik 4, 4"), "gap +1 · +1.5")
    }
}

extension AssessmentFeatureTests {
    func testOutlineHasMatricesAndCharts() throws {
        let ctx = try open()
        let outline = workspace.documentSymbols(ctx)
        XCTAssertEqual(outline.map(\.name), ["Amt", "Team", "P", "Reife", "Chart"])
        let matrix = try XCTUnwrap(outline.first { $0.name == "Reife" })
        XCTAssertEqual(matrix.kind, .object)
        XCTAssertEqual(matrix.children.map(\.name), ["Technik", "Prozesse", "passt", "flexibel", "AL", "Team", "Ziel"])
        XCTAssertEqual(outline.last?.children.map(\.name), ["T1", "T2"])
        XCTAssertEqual(outline.last?.children.map(\.kind), [.method, .method])
    }
}
