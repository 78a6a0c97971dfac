import OrgaTestSupport
import XCTest
import Foundation
import OrgaSyntax
import OrgaIDE

/// Hover, completion, references and rename of programmes, fields, projects and milestones.
final class PortfolioFeatureTests: XCTestCase {
    var dir = ""
    var workspace = IDEWorkspace()

    static let text = """
        model M { year 2024; worktime 1590 h; asof 2024-06-30 }
        unit Amt { position SB { planned 1 fte } }
        actor Lenkung
        programme ZOV "Zukunft" {
          owner Lenkung
          period 2020-01-01..2027-12-31
          budget 1_000_000 EUR
          field EF3 "Digitale Verwaltung" { owner SB }
        }
        project Infra { in ZOV.EF3; owner SB; period 2020-01-01..2021-12-31; status done; budget 400_000 EUR }
        project EAkte "Einführung E-Akte" {
          in ZOV.EF3
          owner Amt
          period 2022-01-01..2025-06-30
          status running
          budget 300_000 EUR
          depends Infra
          milestone Pilot { date 2022-10-01; done }
          milestone Rollout { date 2024-03-31 }
        }

        """

    override func setUpWithError() throws {
        dir = try makeTemporaryDirectory().path
        workspace = IDEWorkspace()
    }

    func open(_ text: String = PortfolioFeatureTests.text) throws -> DocContext {
        return try workspace.openFile(text, in: dir)
    }

    func testHoverOnAProjectShowsStatusDatesOwnerMilestonesAndOverdue() throws {
        let ctx = try open()
        let t = Self.text
        let h = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "project EAkte", 9)))
        XCTAssertTrue(h.markdown.contains("**project** `EAkte` — \"Einführung E-Akte\""), h.markdown)
        XCTAssertTrue(h.markdown.contains("status **running** · 2022-01-01 – 2025-06-30 · owner `Amt`"), h.markdown)
        XCTAssertTrue(h.markdown.contains("in `ZOV.EF3` · budget 300,000 EUR"), h.markdown)
        XCTAssertTrue(h.markdown.contains("milestones: 1 done, 1 open"), h.markdown)
        // Rollout is dated 31.03.2024, before the status date 30.06.2024: overdue since 01.04.2024.
        XCTAssertTrue(h.markdown.contains("`Rollout` 2024-03-31 · **overdue** since 2024-04-01"), h.markdown)
        // The same hover on a reference (`depends Infra` → the done project Infra).
        let infra = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "depends Infra", 9)))
        XCTAssertTrue(infra.markdown.contains("status **done**"), infra.markdown)
    }

    func testHoverOnAFieldShowsCountsAndBudget() throws {
        let ctx = try open()
        let t = Self.text
        // EF3: Infra (done, 400,000) and EAkte (running, 300,000) → 700,000 EUR.
        let h = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "in ZOV.EF3;", 8)))
        XCTAssertTrue(h.markdown.contains("**field** `ZOV.EF3` — Digitale Verwaltung"), h.markdown)
        XCTAssertTrue(h.markdown.contains("2 projects: 0 planned · 1 running · 1 done · 0 stopped"), h.markdown)
        XCTAssertTrue(h.markdown.contains("budget 700,000 EUR"), h.markdown)
    }

    func testReferencesAndRenameOfFieldsProjectsAndProgrammes() throws {
        let ctx = try open()
        let t = Self.text
        let path = dir + "/m.orga"
        // The field: its declaration and both `in ZOV.EF3`.
        XCTAssertEqual(workspace.references(ctx, at: offset(t, "field EF3", 7), includeDeclaration: true).count, 3)
        let edit = try workspace.rename(ctx, at: offset(t, "in ZOV.EF3;", 8), to: "Digital")
        XCTAssertEqual(edit.edits(of: path).count, 3)
        // The programme: declaration and both `in ZOV…`; the project: declaration and `depends Infra`.
        XCTAssertEqual(try workspace.rename(ctx, at: offset(t, "programme ZOV", 11), to: "Plan").edits(of: path).count, 3)
        XCTAssertEqual(try workspace.rename(ctx, at: offset(t, "project Infra", 9), to: "Netz").edits(of: path).count, 2)
        XCTAssertEqual(workspace.references(ctx, at: offset(t, "owner SB;", 7), includeDeclaration: false).count, 2)
    }

    func testCompletionOffersProjectsAfterDependsAndStatusWords() throws {
        let t = Self.text.replacingOccurrences(of: "  depends Infra\n", with: "  depends In\n")
        let ctx = try open(t)
        let items = workspace.completion(ctx, at: offset(t, "depends In", 10)).items.map(\.label)
        XCTAssertTrue(items.contains("Infra"), "\(items)")
        XCTAssertFalse(items.contains("Amt"), "\(items)")
    }
}
