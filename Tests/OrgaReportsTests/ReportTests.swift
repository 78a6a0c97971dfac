import XCTest
import Foundation
import OrgaTestSupport
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
@testable import OrgaReports
@testable import OrgaCLI
import OrgaSupport

private let root = TestPaths.repositoryRoot.path
private let goldenDir = root + "/Tests/OrgaReportsTests/golden"

/// Loads a sample with paths relative to the repository root, so reports do not depend
/// on where the repository is checked out.
private func sample(_ name: String) throws -> CheckedModel {
    Analyzer.check(files: try ModelFiles.sampleRelativeToRepository(name))
}

private func model(_ src: String, path: String = "test.orga") -> CheckedModel {
    Analyzer.check(files: [SourceFile(path: path, text: src)])
}

final class GoldenReportTests: XCTestCase {
    static let samples = ["buergerbuero", "hilden", "jugendamt", "landesamt", "masterplan", "sachgebiet"]

    /// Compares `actual` with the golden file; `UPDATE_GOLDEN=1` rewrites it.
    func golden(_ name: String, _ actual: String, file: StaticString = #filePath, line: UInt = #line) {
        GoldenFile.assertMatches(actual, URL(fileURLWithPath: goldenDir + "/" + name), file: file, line: line)
    }

    func testGoldenReportsOfEverySample() throws {
        for s in Self.samples {
            let m = try sample(s)
            XCTAssertFalse(m.hasErrors, "\(s) has errors")
            let r = StaffingAnalysis.analyze(m.model)
            let de = ReportContext(model: m, result: r, language: .de)
            let en = ReportContext(model: m, result: r, language: .en)
            golden("\(s).json", JSONReport.render(de))
            golden("\(s).md", MarkdownReport.render(de))
            golden("\(s).en.md", MarkdownReport.render(en))
            golden("\(s).de.csv", CSVReport.render(de, units: true))
            golden("\(s).en.csv", CSVReport.render(en, units: true))
            golden("\(s).html", HTMLReport.render(de))
            golden("\(s).rank.txt", RankReport.text(de))
            // The JSON is the same in both languages.
            XCTAssertEqual(JSONReport.render(de), JSONReport.render(en))
        }
    }

    /// Streamed in pieces (as `orgc report` writes to standard output), the JSON report is
    /// byte for byte the one rendered whole; each piece ends between two elements.
    func testStreamedJSONReportIsTheWholeOne() throws {
        let ctx = ReportContext(model: try sample(Self.samples[0]), language: .de)
        let whole = JSONReport.renderBytes([ctx])
        for chunk in [1, 100, 4096, whole.count + 1] {
            var pieces: [[UInt8]] = []
            JSONReport.render([ctx], chunk: chunk) { pieces.append($0) }
            XCTAssertEqual(pieces.flatMap { $0 }, whole, "chunk \(chunk)")
            // One piece when the report is smaller than a chunk, else several, none empty.
            if chunk > whole.count { XCTAssertEqual(pieces.count, 1) } else { XCTAssertGreaterThan(pieces.count, 1) }
            XCTAssertFalse(pieces.contains { $0.isEmpty })
        }
        XCTAssertEqual(String(decoding: whole, as: UTF8.self), JSONReport.render(ctx))
    }

    /// The report streams the DNA ranking; `orgc rank --format json` builds it as values:
    /// both give the same bytes for every sample (those with criteria, missing values, ties).
    func testStreamedDNAIsTheDNAValue() throws {
        for s in Self.samples {
            let ctx = ReportContext(model: try sample(s), language: .de)
            XCTAssertFalse(ctx.result.dna.ranking.isEmpty, s)
            var streamed = JSONWriter(), built = JSONWriter()
            streamed.beginArray()
            for p in ctx.result.dna.ranking { streamed.item(); JSONReport.dna(ctx, p, &streamed) }
            streamed.endArray()
            built.value(.array(JSONReport.dna(ctx)))
            XCTAssertEqual(String(decoding: streamed.finish(), as: UTF8.self), String(decoding: built.finish(), as: UTF8.self), s)
        }
    }

    /// The what-if outputs of the sample with measures (hand-checked in Samples/README.md):
    /// the CSV table, and the whole report of scenario Soll2026 (md, en, json).
    func testGoldenWhatIfReports() throws {
        let m = try sample("buergerbuero")
        let r = StaffingAnalysis.analyze(m.model)
        let de = ReportContext(model: m, result: r, language: .de)
        let en = ReportContext(model: m, result: r, language: .en)
        golden("buergerbuero.whatif.de.csv", CSVReport.whatIf(de))
        golden("buergerbuero.whatif.en.csv", CSVReport.whatIf(en))
        let s = try XCTUnwrap(m.model.scenarios.firstID { $0.name == "Soll2026" })
        let soll = ReportContext(model: m, result: r, language: .de, scenario: s)
        golden("buergerbuero.Soll2026.md", MarkdownReport.render(soll))
        golden("buergerbuero.Soll2026.json", JSONReport.render(soll))
        // The scenario's totals are the attribution's end state: 2,179 + 0,1245 − 0,4566 on SB.
        XCTAssertEqual(soll.result.totalNeed - de.result.totalNeed, -0.33207547169811313, accuracy: 1e-12)
        XCTAssertEqual(soll.whatIf.scenarios[s].entries.map(\.deltaNeed).reduce(0, +), soll.result.totalNeed - de.result.totalNeed, accuracy: 1e-12)
    }

    /// The kpi and pool tables of the sample that has them (`--format csv --table kpis|pools`).
    func testGoldenKpiAndPoolTables() throws {
        let m = try sample("sachgebiet")
        let r = StaffingAnalysis.analyze(m.model)
        for lang in [OutputLanguage.de, .en] {
            let ctx = ReportContext(model: m, result: r, language: lang)
            golden("sachgebiet.kpis.\(lang.rawValue).csv", KpiPoolSections.kpisCSV(ctx))
            golden("sachgebiet.pools.\(lang.rawValue).csv", KpiPoolSections.poolsCSV(ctx))
        }
    }

    /// The time sample evaluated over another year (`--year 2023`) and on one date
    /// (`--at 2022-09-01`), in md, csv and json.
    func testGoldenTimeEvaluations() throws {
        let m = try sample("sachgebiet")
        let year = try XCTUnwrap(Evaluation.year(2023))
        let y = ReportContext(model: m, language: .de, evaluation: year)
        golden("sachgebiet.2023.md", MarkdownReport.render(y))
        golden("sachgebiet.2023.json", JSONReport.render(y))
        let at = try XCTUnwrap(Evaluation.at(try XCTUnwrap(CalendarDate(iso: "2022-09-01"))))
        let a = ReportContext(model: m, language: .en, evaluation: at)
        golden("sachgebiet.at.en.md", MarkdownReport.render(a))
        golden("sachgebiet.at.en.csv", CSVReport.render(a, units: true))
        golden("sachgebiet.at.json", JSONReport.render(a))
        // On 2022-09-01 SB_Orga has 5 fte filled: 3 undated + 1 from 2022-05-01 (k = 123 days
        // into `ramp 18 mo start 20 %` = 540 days: 0.2 + 0.8 × 123/540 = 0.38222) + 1 from
        // 2022-09-01 (k = 0: 0.2). Effective = 3 + 0.38222 + 0.2 = 3.58222; loss 1.41778.
        let p = try XCTUnwrap(m.model.positions.firstID { $0.name == "SB_Orga" })
        XCTAssertEqual(a.result.positions[p].filled, 5)
        XCTAssertEqual(try XCTUnwrap(a.effective(position: p)).effective, 3 + (0.2 + 0.8 * 123 / 540) + 0.2, accuracy: 1e-12)
        // Stellenbewertung: 60 /year on 2022-09-01; over 2022: (25 × 181 + 60 × 184) / 365 = 15,565/365 = 42.644 /year.
        let sb = try XCTUnwrap(m.model.processes.firstID { $0.name == "Stellenbewertung" })
        XCTAssertEqual(a.result.processes[sb].ownVolume ?? -1, 60, accuracy: 1e-12)
        let de = ReportContext(model: m, language: .de)
        XCTAssertEqual(de.result.processes[sb].ownVolume ?? -1, 15_565.0 / 365, accuracy: 1e-12)
    }

    func testReportsAreDeterministic() throws {
        let m1 = try sample("hilden"), m2 = try sample("hilden")
        let a = ReportContext(model: m1), b = ReportContext(model: m2)
        XCTAssertEqual(JSONReport.render(a), JSONReport.render(b))
        XCTAssertEqual(HTMLReport.render(a), HTMLReport.render(b))
        XCTAssertEqual(MarkdownReport.render(a), MarkdownReport.render(b))
    }

    /// The buergerbuero report against the hand computation (Samples/README.md, each
    /// figure re-derived here).
    func testBuergerbueroJSONMatchesHandComputation() throws {
        let m = try sample("buergerbuero")
        let json = JSONReport.render(ReportContext(model: m))
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let positions = try XCTUnwrap(obj["positions"] as? [[String: Any]])
        func pos(_ id: String) -> [String: Any] { positions.first { $0["id"] as? String == id } ?? [:] }
        func num(_ o: [String: Any], _ k: String) -> Double { (o[k] as? NSNumber)?.doubleValue ?? .nan }
        // SB: (2,400 × 45 + 900 × 90) min = 3,150 h × 1.1 ÷ 1,590 = 2.179245
        XCTAssertEqual(num(pos("SB"), "need_fte"), 3465.0 / 1590, accuracy: 1e-12)
        XCTAssertEqual(num(pos("SB"), "gap_fte"), 3465.0 / 1590 - 4, accuracy: 1e-12)
        XCTAssertEqual(num(pos("SB"), "proposal_fte"), 2.25)
        // SB_Pass: Ausweis 30/day × 228 = 6,840 × (20 + 0.25·5 + 10 + 0.3·10) min = 234,270 min;
        //          Reisepass 2,500 × (20 + 0.15·5 + 10) min = 76,875 min → 5,185.75 h × 1.1 ÷ 1,590
        XCTAssertEqual(num(pos("SB_Pass"), "need_fte"), 5185.75 * 1.1 / 1590, accuracy: 1e-12)
        // Theke: 35 h/week × 52 = 1,820 h ÷ 1,590 (no Verteilzeit)
        XCTAssertEqual(num(pos("Theke"), "need_fte"), 1820.0 / 1590, accuracy: 1e-12)
        // BBL: 900 × 0.2 × 0.25 h × 1.1 ÷ 1,590 + 120 ÷ 1,590 + 0.1 + 6 % × (3.5 + 3 + 1.25)
        let bbl = 49.5 / 1590 + 120.0 / 1590 + 0.1 + 0.06 * 7.75
        XCTAssertEqual(num(pos("BBL"), "need_fte"), bbl, accuracy: 1e-12)
        // Cost per fte E8: 62,000 × 1.2 + 12,365 = 86,765 → SB planned cost 347,060
        XCTAssertEqual(num(pos("SB"), "planned_cost_eur"), 347_060, accuracy: 1e-6)
        // Units: Bürgerbüro = BBL + SB + Meldewesen's own work (1,800 × 0.15 × 20 min × 1.1 ÷ 1,590) + SB_Pass + Theke
        let units = try XCTUnwrap(obj["units"] as? [[String: Any]])
        let bb = units.first { $0["id"] as? String == "Bürgerbüro" } ?? [:]
        let total = bbl + 3465.0 / 1590 + 99.0 / 1590 + 5185.75 * 1.1 / 1590 + 1820.0 / 1590
        XCTAssertEqual(num(bb, "need_fte"), total, accuracy: 1e-12)
        XCTAssertEqual(num(bb, "planned_fte"), 10)
        // Processes: Ausweis lead time = 35.25 min + 0.25 × 3 d + 21 d
        let processes = try XCTUnwrap(obj["processes"] as? [[String: Any]])
        let ausweis = processes.first { $0["id"] as? String == "Ausweis" } ?? [:]
        XCTAssertEqual(num(ausweis, "cases_per_year"), 6840)
        XCTAssertEqual(num(ausweis, "lead_time_days"), 35.25 / 1440 + 0.75 + 21, accuracy: 1e-12)
        let visits = try XCTUnwrap(ausweis["visits"] as? [String: Any])
        XCTAssertEqual((visits["Vollstaendig"] as? NSNumber)?.doubleValue ?? 0, 1.25, accuracy: 1e-12)
        // Every contract key is there.
        for k in ["model", "units", "positions", "processes", "dna", "diagnostics"] { XCTAssertNotNil(obj[k], k) }
        let modelObj = try XCTUnwrap(obj["model"] as? [String: Any])
        for k in ["id", "title", "year", "worktime_hours", "allowance_percent", "allowance_convention"] { XCTAssertNotNil(modelObj[k], k) }
        XCTAssertEqual(modelObj["allowance_convention"] as? String, "surcharge")
        for k in ["id", "title", "parent", "planned_fte", "filled_fte", "need_fte", "gap_fte", "vacancy_fte", "proposal_fte",
                  "planned_cost_eur", "need_cost_eur"] { XCTAssertNotNil(bb[k], k) }
        for k in ["id", "title", "unit", "grade", "planned_fte", "filled_fte", "need_fte", "gap_fte", "vacancy_fte", "proposal_fte",
                  "planned_cost_eur", "need_cost_eur", "contributions"] { XCTAssertNotNil(pos("SB")[k], k) }
        let contribution = try XCTUnwrap((pos("SB")["contributions"] as? [[String: Any]])?.first)
        for k in ["kind", "process", "step", "hours", "fte"] { XCTAssertNotNil(contribution[k], k) }
        for k in ["id", "title", "owner", "cases_per_year", "visits", "staff_hours_per_case", "lead_time_days", "need_fte",
                  "cost_per_case_eur"] { XCTAssertNotNil(ausweis[k], k) }
        let dna = try XCTUnwrap((obj["dna"] as? [[String: Any]])?.first)
        for k in ["process", "rank", "score", "complete", "criteria"] { XCTAssertNotNil(dna[k], k) }
        let crit = try XCTUnwrap((dna["criteria"] as? [String: Any])?.values.first as? [String: Any])
        for k in ["value", "normalized", "contribution"] { XCTAssertNotNil(crit[k], k) }
    }
}

final class EscapingTests: XCTestCase {
    static let hostile = """
        model M "<script>alert('m')</script>" { worktime 1600 h }
        grade G "A & B <b>" { cost 50_000 EUR }
        unit U "</td><script>alert(1)</script>" {
          kind "<img src=x onerror=alert(2)>"
          position P "=HYPERLINK(\\"http://x\\") | *bold* [link](http://x)" {
            grade G
            planned 1 fte
            effort "<script>alert(3)</script>" 0.1 fte
          }
        }
        actor A "\\"quoted\\" & <tag>"
        dna { criterion c "<svg onload=alert(4)>" { weight 1; scale 0..1 } }
        process X "@SUM(A1) <script>alert(5)</script>" {
          volume 10 /year
          step S "<i>" { by P; time 1 h }
          step T { by A }
        }
        """

    func testHTMLEscapesEveryUserString() {
        let ctx = ReportContext(model: model(Self.hostile))
        let html = HTMLReport.render(ctx)
        XCTAssertFalse(html.contains("<script"), "unescaped <script> in HTML")
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.contains("<svg onload"))
        XCTAssertFalse(html.contains("<i>"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"))   // effort label in the audit trail
        XCTAssertTrue(html.contains("&quot;quoted&quot; &amp;") || !html.contains("quoted"))
        // Self-contained: no scripts, no external resources.
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertFalse(html.contains("http://") && html.contains("src=\"http"))
        XCTAssertFalse(html.contains("<link"))
    }

    func testMarkdownEscapesTableBreakersAndMarkup() {
        let md = MarkdownReport.render(ReportContext(model: model(Self.hostile)))
        XCTAssertFalse(md.contains("<script>"))
        XCTAssertTrue(md.contains("\\<script\\>"))
        // `|` inside a title must not start a new column.
        XCTAssertTrue(md.contains("\\| \\*bold\\* \\[link\\]"))
        XCTAssertEqual(Escape.markdown("SB_Orga_2022"), "SB_Orga_2022")
        XCTAssertEqual(Escape.markdown("_x_"), "\\_x\\_")
        XCTAssertEqual(Escape.markdown("a\nb"), "a b")
    }

    func testCSVNeutralisesFormulasAndQuotes() {
        let csv = CSVReport.render(ReportContext(model: model(Self.hostile), language: .en))
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}"))
        XCTAssertTrue(csv.contains("\"'=HYPERLINK(\"\"http://x\"\") | *bold* [link](http://x)\""))
        XCTAssertEqual(Escape.csv("=1+2", separator: ","), "'=1+2")
        XCTAssertEqual(Escape.csv("+49 30", separator: ","), "'+49 30")
        XCTAssertEqual(Escape.csv("-x", separator: ","), "'-x")
        XCTAssertEqual(Escape.csv("@A1", separator: ","), "'@A1")
        XCTAssertEqual(Escape.csv("-1.5", separator: ",", numeric: true), "-1.5")
        XCTAssertEqual(Escape.csv("a;b", separator: ";"), "\"a;b\"")
        XCTAssertEqual(Escape.csv("a,b", separator: ";"), "a,b")
        XCTAssertEqual(Escape.csv("say \"hi\"", separator: ","), "\"say \"\"hi\"\"\"")
    }

    func testJSONEscapesStrings() throws {
        let json = JSONReport.render(ReportContext(model: model(Self.hostile)))
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let units = try XCTUnwrap(obj["units"] as? [[String: Any]])
        XCTAssertEqual(units.first?["title"] as? String, "</td><script>alert(1)</script>")
    }
}

final class FormatTests: XCTestCase {
    func testNumberFormatGermanAndEnglish() {
        let de = NumberFormat(.de), en = NumberFormat(.en)
        XCTAssertEqual(de.fixed(1234567.891, 2), "1.234.567,89")
        XCTAssertEqual(en.fixed(1234567.891, 2), "1,234,567.89")
        XCTAssertEqual(de.fte(2.1792452830188679), "2,179")
        XCTAssertEqual(de.signed(-1.8207547, 3), "-1,821")
        XCTAssertEqual(de.signed(0.0876, 3), "+0,088")
        XCTAssertEqual(de.signed(-0.0001, 3), "0,000")
        XCTAssertEqual(de.eur(303_677.5), "303.678")
        XCTAssertEqual(en.eur(999.5), "1,000")
        XCTAssertEqual(de.percent(0.1), "10")
        XCTAssertEqual(de.percent(0.125), "12,5")
        XCTAssertEqual(de.compact(1590), "1.590")
        XCTAssertEqual(de.fixed(.nan, 2), "—")
        XCTAssertEqual(de.fixed(.infinity, 2), "—")
        XCTAssertEqual(de.fixed(nil, 2), "—")
        XCTAssertEqual(NumberFormat(.de, grouping: false, missing: "").fixed(1234.5, 1), "1234,5")
        XCTAssertEqual(de.fixed(1e300, 0).count > 10, true)
    }

    func testCSVLayoutPerLanguage() throws {
        let m = try sampleModelForCSV()
        let de = CSVReport.render(ReportContext(model: m, language: .de))
        let en = CSVReport.render(ReportContext(model: m, language: .en))
        XCTAssertTrue(de.hasPrefix("\u{FEFF}Art;Kürzel;"))
        XCTAssertTrue(en.hasPrefix("\u{FEFF}kind,id,"))
        XCTAssertTrue(de.contains("Stelle;SB;Sachbearbeitung;U;;4,0000;3,5000;2,179245;-1,820755;"))
        XCTAssertTrue(en.contains("position,SB,Sachbearbeitung,U,,4.0000,3.5000,2.179245,-1.820755,"))
        XCTAssertTrue(de.hasSuffix("\r\n"))
    }

    private func sampleModelForCSV() throws -> CheckedModel {
        model("""
            model M { worktime 1590 h; allowance 10 % }
            unit U { position SB "Sachbearbeitung" { planned 4 fte; filled 3.5 fte } }
            process A { volume 2_400 /year; step S { by SB; time 45 min } }
            process B { volume 900 /year; step S { by SB; time 90 min } }
            """)
    }

    func testIncompleteModelStillReportsAndListsFindings() {
        let m = model("""
            model M { worktime 1590 h }
            unit U { position P { planned 1 fte } }
            process A { volume 100 /year; step S { by P } }
            process B { volume 100 /year; step S { by P; time 1 h } }
            """)
        XCTAssertTrue(m.hasErrors)
        let ctx = ReportContext(model: m, language: .en)
        let md = MarkdownReport.render(ctx)
        XCTAssertTrue(md.contains("E501"))
        XCTAssertTrue(md.contains("\\*"))         // the incomplete mark
        XCTAssertTrue(md.contains("0.063"))       // B: 100 h ÷ 1,590 = 0.0629 fte is still reported
        let html = HTMLReport.render(ctx)
        XCTAssertTrue(html.contains("E501"))
        XCTAssertFalse(html.contains("nan"))
        XCTAssertFalse(html.lowercased().contains("inf<"))
    }
}

final class CommandTests: XCTestCase {
    private func run(_ args: [String]) -> (Int32, String, String) {
        let (io, result) = CommandIO.capture()
        let code = Orgc.run(args, io: io)
        let (out, err) = result()
        return (code, out, err)
    }

    func testReportFormatsAndExitCodes() throws {
        let dir = root + "/Samples/buergerbuero"
        var (code, out, _) = run(["report", dir])
        XCTAssertEqual(code, 0)
        XCTAssertTrue(out.hasPrefix("# Personalbemessung: Bürgerbüro Musterstadt"))
        (code, out, _) = run(["report", "--format", "json", "--lang", "en", dir])
        XCTAssertEqual(code, 0)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(out.utf8)))
        (code, out, _) = run(["report", "--format", "csv", "--units", "--lang=en", dir])
        XCTAssertEqual(code, 0)
        XCTAssertTrue(out.contains("\r\nunit,Bürgerbüro,"))
        (code, out, _) = run(["report", "--format", "html", dir])
        XCTAssertEqual(code, 0)
        XCTAssertTrue(out.hasPrefix("<!DOCTYPE html>"))
        var err: String
        (code, _, err) = run(["report", "--format", "pdf", dir])
        XCTAssertEqual(code, 2)
        XCTAssertTrue(err.contains("--format"))
        (code, _, _) = run(["report", root + "/does-not-exist"])
        XCTAssertEqual(code, 2)
        (code, _, _) = run(["report", "--bogus", dir])
        XCTAssertEqual(code, 2)
    }

    func testReportWritesFileAndExitsOneOnErrors() throws {
        let tmp = try makeTemporaryDirectory().path
        let src = tmp + "/m.orga"
        try "model M { worktime 1590 h }\nunit U { position P { planned 1 fte } }\nprocess A { volume 10 /year; step S { by P } }\n"
            .write(toFile: src, atomically: true, encoding: .utf8)
        let outFile = tmp + "/r.json"
        let (code, out, err) = run(["report", "--format", "json", "-o", outFile, src])
        XCTAssertEqual(code, 1)
        XCTAssertEqual(out, "")
        // Issue 18: the errors are printed on standard error too (warnings stay in the report).
        XCTAssertTrue(err.contains("das Modell hat Fehler"), err)
        XCTAssertTrue(err.contains("Fehler[E501]: Schritt einer Stelle ohne Bearbeitungszeit: `S`"), err)
        XCTAssertTrue(err.contains("  --> \(src):3:"), err)
        XCTAssertFalse(err.contains("W509"), err)
        let en = run(["report", "--lang", "en", "-o", tmp + "/r.md", src]).2
        XCTAssertTrue(en.contains("the model has errors") && en.contains("error[E501]: "), en)
        XCTAssertEqual(run(["rank", src]).0, 1)
        XCTAssertTrue(run(["rank", src]).2.contains("Fehler[E501]"))
        // A clean model prints nothing on standard error.
        XCTAssertEqual(run(["report", root + "/Samples/hilden"]).2, "")
        let data = try XCTUnwrap(FileManager.default.contents(atPath: outFile))
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual((obj["diagnostics"] as? [[String: Any]])?.map { $0["code"] as? String }, ["W509", "E501"])
        // Unwritable output: usage/IO error.
        let (code2, _, err2) = run(["report", "-o", tmp + "/no/such/dir/r.md", src])
        XCTAssertEqual(code2, 2)
        XCTAssertTrue(err2.contains("cannot write"))
    }

    func testRankFormats() throws {
        let dir = root + "/Samples/hilden"
        var (code, out, _) = run(["rank", dir])
        XCTAssertEqual(code, 0)
        XCTAssertTrue(out.contains("Prozess-DNA-Ranking"))
        XCTAssertTrue(out.contains("Stellenbesetzung"))
        (code, out, _) = run(["rank", "--format", "json", dir])
        XCTAssertEqual(code, 0)
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        XCTAssertEqual((obj["dna"] as? [[String: Any]])?.first?["rank"] as? Int, 1)
        (code, out, _) = run(["rank", "--format", "md", "--lang", "en", dir])
        XCTAssertEqual(code, 0)
        XCTAssertTrue(out.contains("| Rank | Process | Score |"))
        (code, _, _) = run(["rank", "--format", "html", dir])
        XCTAssertEqual(code, 2)
    }
}

final class JSONWriterTests: XCTestCase {
    /// The streaming writer writes exactly what `JSONValue.pretty()` writes.
    func testWriterMatchesJSONValuePretty() {
        let v: JSONValue = .object([
            ("a", .array([])), ("b", .object([])), ("c", .number(2.179245283018868)), ("d", .number(-0.0)),
            ("e", .number(12)), ("f", .number(.nan)), ("g", .int(-3)), ("h", .bool(true)), ("i", .null),
            ("j", .string("quote \" backslash \\ nl \n tab \t cr \r ctl \u{01} ls \u{2028} ps \u{2029} ü €")),
            ("k", .array([.object([("x", .array([.number(1e-7), .number(1e21), .number(123456789012345.6)]))]), .string("")])),
        ])
        var w = JSONWriter()
        w.value(v)
        XCTAssertEqual(String(decoding: w.finish(), as: UTF8.self), v.pretty())
    }

    /// A key written as prefix and suffix is escaped as one string; integers of any sign.
    func testSuffixKeysAndIntegers() {
        var w = JSONWriter(style: .compact)
        w.beginObject()
        w.field("need_fte", suffix: "_min", 1.5)
        w.field("a\"b", suffix: "_sd", nil)
        w.field("i", int: Int.min)
        w.field("j", int: 0)
        w.field("k", int: 1234567)
        w.endObject()
        XCTAssertEqual(String(decoding: w.finish(), as: UTF8.self),
                       #"{"need_fte_min":1.5,"a\"b_sd":null,"i":-9223372036854775808,"j":0,"k":1234567}"# + "\n")
    }
}


/// Chart labels are wrapped at word boundaries, never cut or broken mid-word (issue 18).
final class ChartLabelTests: XCTestCase {
    func testLabelsWrapAtSpacesAndNeverMidWord() {
        XCTAssertEqual(HTMLReport.wrap("Onlineformular bereitstellen (OZG)", 20), ["Onlineformular", "bereitstellen (OZG)"])
        XCTAssertEqual(HTMLReport.wrap("Haupt- und Personalamt", 38), ["Haupt- und Personalamt"])
        // A word longer than a line breaks after its slash or hyphen, not inside a syllable.
        XCTAssertEqual(HTMLReport.wrap("Standesbeamtin/Standesbeamter", 20), ["Standesbeamtin/", "Standesbeamter"])
        XCTAssertEqual(HTMLReport.wrap("Aufenthaltstitelverlängerungsantrag", 10), ["Aufenthaltstitelverlängerungsantrag"])
        XCTAssertEqual(HTMLReport.wrap("", 10), [""])
        for title in ["Sachbearbeitung Organisation und Stellenbewertung", "Aufenthaltskarte (eAT) produzieren und aushändigen"] {
            let lines = HTMLReport.wrap(title, 20)
            XCTAssertEqual(lines.joined(separator: " "), title, "nothing is lost or cut")
            XCTAssertTrue(lines.allSatisfy { $0.count <= 20 }, "\(lines)")
        }
    }
}

/// What the HTML report draws where (issue 18): the need's value label after the need
/// bar, not after the longest bar; the print stylesheet prints folded derivations open.
final class HTMLLayoutTests: XCTestCase {
    func testNeedLabelFollowsTheNeedBarAndPrintOpensDetails() throws {
        let model = Analyzer.check(files: try ModelLoader.load(root + "/Samples/hilden"))
        let html = HTMLReport.render(ReportContext(model: model, language: .de))
        // Dez1: need 16,687, planned 19, filled 16,75 → axis to 20 (step 5); the plot is
        // 640 px wide from x = 250: the need bar ends at 250 + 16,687 ÷ 20 × 640 = 783,98,
        // its label would start 5 px later (789). Dez1's need is uncertain (Hilden's time
        // ranges: 16,48–16,89), so an error bar spans 777,3–790,6 over the need bar and the
        // label follows the bar's end instead: 795,6. The planned bar ends at 250 + 19 ÷ 20 × 640 = 858.
        XCTAssertTrue(html.contains("<line x1=\"777.3\" y1=\"42\" x2=\"790.6\" y2=\"42\"/>"), "error bar of Dez1's need")
        XCTAssertTrue(html.contains("<text x=\"795.6\" y=\"46\" font-size=\"10\">16,69</text>"))
        XCTAssertTrue(html.contains("<rect x=\"250\" y=\"47\" width=\"608\" height=\"8\" fill=\"#4e79a7\">"), "planned bar of Dez1")
        XCTAssertTrue(html.contains("details::details-content { content-visibility: visible; display: block; }"))
        // Need − planned is neither green nor red.
        XCTAssertFalse(html.contains("#2e7d32"))
        XCTAssertTrue(html.contains("title=\"Überhang: Bedarf unter Soll\">-2,313</td>"))
    }
}
