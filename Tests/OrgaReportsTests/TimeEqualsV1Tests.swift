import XCTest
import OrgaTestSupport
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport
@testable import OrgaReports

/// Without dated values every figure equals v1's: on every sample and every case file
/// without dated values, the staffing of the evaluated model (its year, another year,
/// one date) is the staffing of the model as written, exactly, and effective = filled.
final class TimeEqualsV1Tests: XCTestCase {
    func models() throws -> [(String, [SourceFile])] {
        var out: [(String, [SourceFile])] = []
        for s in try TestPaths.sampleNames() { out.append((s, try ModelFiles.sample(s))) }
        let cases = TestPaths.tests("OrgaSemanticsTests").appendingPathComponent("cases")
        for c in try ModelFiles.caseModels(in: cases) { out.append((c.name, c.files)) }
        return out
    }

    func testEveryFigureEqualsV1WithoutDatedValues() throws {
        var compared = 0
        for (name, files) in try models() {
            let checked = Analyzer.check(files: files)
            let model = checked.model
            guard !PeriodEvaluation.hasDatedValues(model) else { continue }
            let v1 = StaffingAnalysis.analyze(model)
            var evaluations: [Evaluation] = [try XCTUnwrap(Evaluation.year(2031)), try XCTUnwrap(Evaluation.at(try XCTUnwrap(CalendarDate(iso: "2024-02-29"))))]
            if let own = Evaluation.of(model) { evaluations.append(own) }
            for e in evaluations {
                let evaluated = PeriodEvaluation.apply(e, to: model)
                let r = StaffingAnalysis.analyze(evaluated)
                XCTAssertEqual(r.totalPlanned, v1.totalPlanned, name)
                XCTAssertEqual(r.totalFilled, v1.totalFilled, name)
                XCTAssertEqual(r.totalNeed.bitPattern, v1.totalNeed.bitPattern, name)
                for (a, b) in zip(r.positions, v1.positions) {
                    XCTAssertEqual(a.planned, b.planned, name); XCTAssertEqual(a.filled, b.filled, name)
                    XCTAssertEqual(a.need.bitPattern, b.need.bitPattern, name); XCTAssertEqual(a.vacancy, b.vacancy, name)
                }
                for (a, b) in zip(r.units, v1.units) {
                    XCTAssertEqual(a.planned, b.planned, name); XCTAssertEqual(a.filled, b.filled, name)
                    XCTAssertEqual(a.need.bitPattern, b.need.bitPattern, name)
                }
                for (a, b) in zip(r.processes, v1.processes) { XCTAssertEqual(a.ownVolume, b.ownVolume, name) }
                let t = TimeFigures.compute(evaluated, e)
                XCTAssertEqual(t.totalLoss, 0, name)
                for p in model.positions.ids {
                    XCTAssertEqual(t.positionEffective[p.index], v1.positions[p].filled, name)
                    XCTAssertEqual(t.positionLoss(p), 0, name)
                }
            }
            // Without any time feature the md/csv/html have no period and no new columns.
            if !PeriodEvaluation.usesTime(model) {
                let ctx = ReportContext(model: checked, result: v1, language: .de)
                XCTAssertFalse(ctx.showsTime, name)
                XCTAssertFalse(MarkdownReport.render(ctx).contains("- Zeitraum: "), name)
                XCTAssertFalse(MarkdownReport.render(ctx).contains("Ist wirksam"), name)
                XCTAssertFalse(CSVReport.render(ctx, units: true).contains("Ist wirksam"), name)
            }
            compared += 1
        }
        XCTAssertGreaterThan(compared, 50)
    }
}
