import XCTest
import Foundation
import OrgaSyntax
import OrgaIDE
import OrgaTestSupport

/// Language features for kpis and pools: hovers with achievement per year and a
/// pool's utilisation, completion of the new keywords, references and rename through
/// `to`, `owner` and `process`.
final class KpiPoolFeatureTests: XCTestCase {
    static let text = """
        model M { year 2022; worktime 1600 h }
        unit SG { position SB { planned 1 fte; filled 1 fte } }
        process Bewertung { owner SG; volume 80 /year; step S { by SB; time 1 h } }
        kpi K "Bewertungen" { owner SG; better higher; plan 25; actual 2022 80; actual 2023 50; process Bewertung; tolerance 20 % }
        unit Pool { pool
          position P { planned 2 fte; filled 2 fte }
          deploy D "Hilfe" { to SG; hours 800 h; period 2022-03-01..2022-08-31 }
        }

        """

    var dir = ""
    let workspace = IDEWorkspace()

    func open(_ text: String = KpiPoolFeatureTests.text) throws -> DocContext {
        dir = try makeTemporaryDirectory().path
        return try workspace.openFile(text, in: dir)
    }

    func testHovers() throws {
        let ctx = try open()
        let t = Self.text
        // 80 ÷ 25 = 320 %, 50 ÷ 25 = 200 %.
        let kpi = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "kpi K", 4))).markdown
        XCTAssertTrue(kpi.contains("**kpi** `K`"), kpi)
        XCTAssertTrue(kpi.contains("2022: plan 25 · actual 80 · achievement **320 %** · met"), kpi)
        XCTAssertTrue(kpi.contains("2023: plan 25 · actual 50 · achievement **200 %** · met"), kpi)
        // 800 h ÷ 1,600 h = 0.5 fte on average in 2022; utilisation 0.5 ÷ 2 = 25 %.
        let deploy = try XCTUnwrap(workspace.hover(ctx, at: offset(t, "deploy D", 7))).markdown
        XCTAssertTrue(deploy.contains("**0.5 fte** on average in 2022-01-01..2022-12-31"), deploy)
        XCTAssertTrue(deploy.contains("utilisation **25 %**"), deploy)
    }

    func testCompletionOffersTheNewKeywords() throws {
        let t = Self.text.replacingOccurrences(of: "tolerance 20 % }", with: "tolerance 20 %\n  \n}")
            .replacingOccurrences(of: "period 2022-03-01..2022-08-31 }", with: "period 2022-03-01..2022-08-31\n    \n  }")
        let ctx = try open(t)
        let inKpi = Set(workspace.completion(ctx, at: offset(t, "tolerance 20 %\n  \n", 17)).items.map(\.label))
        XCTAssertTrue(Set(["owner", "better", "plan", "actual", "process", "tolerance"]).isSubset(of: inKpi), "\(inKpi)")
        let inDeploy = Set(workspace.completion(ctx, at: offset(t, "2022-08-31\n    \n", 15)).items.map(\.label))
        XCTAssertEqual(inDeploy.intersection(["to", "fte", "hours", "period"]), ["to", "fte", "hours", "period"], "\(inDeploy)")
    }

    func testReferencesAndRenameThroughToOwnerAndProcess() throws {
        let ctx = try open()
        let t = Self.text
        // SG is named by `owner` (process and kpi) and by `to`.
        let refs = workspace.references(ctx, at: offset(t, "unit SG", 5), includeDeclaration: false)
        XCTAssertEqual(refs.map(\.range.start).sorted(),
                       [offset(t, "owner SG; volume", 6), offset(t, "owner SG; better", 6), offset(t, "to SG", 3)])
        let edit = try workspace.rename(ctx, at: offset(t, "unit SG", 5), to: "SGOrga")
        XCTAssertEqual(edit.edits(of: dir + "/m.orga").count, 4)
        let process = try workspace.rename(ctx, at: offset(t, "process Bewertung;", 8), to: "Stellenbewertung")
        XCTAssertEqual(process.edits(of: dir + "/m.orga").map(\.newText), ["Stellenbewertung", "Stellenbewertung"])
    }
}
