import XCTest
import Foundation
import OrgaTestSupport
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
@testable import OrgaReports
import OrgaSupport

/// The portfolio section (docs/language.md, Programmes): goldens of the sample's
/// projects table and of the inconsistent copy's report, and the figures by hand.
final class PortfolioReportTests: XCTestCase {
    private let root = TestPaths.repositoryRoot.path

    private func golden(_ name: String, _ actual: String, file: StaticString = #filePath, line: UInt = #line) {
        GoldenFile.assertMatches(actual, URL(fileURLWithPath: root + "/Tests/OrgaReportsTests/golden/" + name), file: file, line: line)
    }

    private func masterplan() throws -> CheckedModel {
        Analyzer.check(files: try ModelFiles.sampleRelativeToRepository("masterplan"))
    }

    private func inconsistent() throws -> CheckedModel {
        let dir = TestPaths.repositoryRoot.appendingPathComponent("Tests/OrgaSemanticsTests/cases/portfolio_masterplan_inconsistent")
        return Analyzer.check(files: try ModelFiles.load(dir, prefix: "portfolio_masterplan_inconsistent"))
    }

    func testProjectsCSVGolden() throws {
        let m = try masterplan()
        golden("masterplan.projects.de.csv", PortfolioSections.projectsCSV(ReportContext(model: m, language: .de)))
        golden("masterplan.projects.en.csv", PortfolioSections.projectsCSV(ReportContext(model: m, language: .en)))
    }

    /// The inconsistent copy: overdue projects and milestones in every format.
    func testInconsistentCopyGoldens() throws {
        let m = try inconsistent()
        let ctx = ReportContext(model: m, language: .de)
        golden("masterplan_inconsistent.portfolio.md", PortfolioSections.markdown(ctx))
        golden("masterplan_inconsistent.portfolio.html", PortfolioSections.html(ctx, prefix: ""))
        golden("masterplan_inconsistent.portfolio.json", JSONValue.object(PortfolioSections.json(ctx)).pretty())
    }

    /// Figures of the sample by hand. Beihilfe: 200,000 cases a year, allowance 10 %,
    /// 1,590 h per fte, 70,000 EUR per fte (E9b).
    func testSavingsBudgetsAndWorkloadByHand() throws {
        let m = try masterplan()
        let ctx = ReportContext(model: m, language: .en)
        let f = PortfolioFigures.compute(ctx.model, whatIf: ctx.whatIf)
        func project(_ name: String) throws -> PortfolioFigures.ProjectFigures {
            let j = try XCTUnwrap(m.model.projects.firstIndex { $0.name == name })
            return f.projects[j]
        }
        // OnlineAntrag: Eingang 6 → 3 min: 3 × 200,000 / 60 = 10,000 h × 1.1 = 11,000 h
        // ÷ 1,590 = 6.918 fte × 70,000 = 484,276.73 EUR/year.
        XCTAssertEqual(try project("OnlineAntraege").annualSaving ?? 0, 11_000.0 / 1590 * 70_000, accuracy: 0.01)
        // EAkte: Erfassen 12 → 9 min, the same 484,276.73 less 50,000 running.
        XCTAssertEqual(try project("EAkteEinfuehrung").annualSaving ?? 0, 11_000.0 / 1590 * 70_000 - 50_000, accuracy: 0.01)
        // KIPruefung: Pruefen 18 → 14.4 min: 3.6 × 200,000 / 60 × 1.1 = 13,200 h ÷ 1,590 × 70,000 − 80,000.
        XCTAssertEqual(try project("KIPruefungProjekt").annualSaving ?? 0, 13_200.0 / 1590 * 70_000 - 80_000, accuracy: 0.01)
        // A project delivering nothing saves 0 in the programme's scenario.
        XCTAssertEqual(try project("Chatbot").annualSaving, 0)
        let g = try XCTUnwrap(f.programmes.first)
        // EF3: Infrastruktur 9.0 + EAkte 12.0 + DMS 3.0 + KI 1.8 + Portal 1.3 = 27.1 M EUR; 1 planned, 2 running, 2 done.
        XCTAssertEqual(g.fields[2].budget, 27_100_000)
        XCTAssertEqual(g.fields[2].statusCounts, [1, 2, 2, 0])
        // All fifteen projects: 40.85 M EUR against the programme's 48 M.
        XCTAssertEqual(g.projectsBudget, 40_850_000)
        // CDO owns seven projects with four open milestones (OnlineAntraege is Ref_OZG's):
        // EAkte 2 (Rollout1, Rollout2), KI 1 (Pilot), Prozessmanagement 1 (Modellierung).
        XCTAssertEqual(f.owners.first?.name, "CDO")
        XCTAssertEqual(f.owners.first?.projects, 7)
        XCTAssertEqual(f.owners.first?.milestonesOpen, 4)
        XCTAssertTrue(f.projects.allSatisfy { !$0.overdue })
    }

    func testWithoutAsofTheReportSaysNothingIsOverdue() {
        let m = Analyzer.check(files: [SourceFile(path: "p.orga", text: """
            model M { year 2024; worktime 1590 h }
            unit U
            programme P { owner U; period 2020-01-01..2030-12-31; budget 10 EUR }
            project A { in P; owner U; period 2020-01-01..2020-12-31; status running; budget 1 EUR; milestone X { date 2020-06-30 } }
            """)])
        XCTAssertFalse(m.diagnostics.contains { $0.code == .projectOverdue || $0.code == .milestoneOverdue })
        let md = PortfolioSections.markdown(ReportContext(model: m, language: .de))
        XCTAssertTrue(md.contains("Kein Stichtag (asof) gesetzt: nichts gilt als überfällig."), md)
        let json = JSONValue.object(PortfolioSections.json(ReportContext(model: m, language: .en))).pretty()
        XCTAssertTrue(json.contains("\"overdue\": false"), json)
        XCTAssertFalse(json.contains("\"overdue\": true"), json)
    }

    /// `deploy … { to PROJECT }`: the project's row lists the deployment; the capacity
    /// leaves the pool (its utilisation counts it) but enters no unit.
    func testDeploymentToAProjectShowsInItsRow() throws {
        let m = Analyzer.check(files: [SourceFile(path: "d.orga", text: """
            model M { year 2024; worktime 1600 h; asof 2024-06-30 }
            grade E9 { cost 60_000 EUR }
            unit Pool "IT-Pool" { pool; position P { grade E9; planned 2 fte; filled 2 fte }
              deploy Hilfe "Einführungshilfe" { to EAkte; fte 0.5; period 2024-01-01..2024-12-31 }
            }
            programme Prog { owner Pool; period 2024-01-01..2025-12-31; budget 100 EUR }
            project EAkte { in Prog; owner P; period 2024-01-01..2025-06-30; status running; budget 50 EUR }
            """)])
        XCTAssertFalse(m.diagnostics.contains { $0.severity == .error }, "\(m.diagnostics)")
        let j = try XCTUnwrap(m.model.deployments.firstIndex { $0.name == "Hilfe" })
        XCTAssertNotNil(m.model.deployments[j].toProject)
        XCTAssertNil(m.model.deployments[j].to)
        let md = PortfolioSections.markdown(ReportContext(model: m, language: .de))
        XCTAssertTrue(md.contains("| Einsätze aus Pools |"), md)
        XCTAssertTrue(md.contains("Einführungshilfe (Pool Pool): 0,5 VZÄ, 01.01.2024–31.12.2024"), md)
        // The pool lends 0.5 fte of its 2 filled fte over the whole model year: utilisation 25 %.
        let pools = PoolFigures.evaluate(m.model, staffing: nil, span: DateSpan(year: 2024))
        XCTAssertEqual(pools.pools.first?.utilisation ?? 0, 0.25, accuracy: 1e-9)
    }
}

