import XCTest
import Foundation
import OrgaTestSupport
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
@testable import OrgaGraphs

/// `orgc graph --gantt` and `--projects`: goldens of the sample in every format, the
/// structure of the Gantt chart, and the limits (10,000 projects, a century).
final class PortfolioGraphTests: XCTestCase {
    func compare(_ text: String, _ relative: String, file: StaticString = #filePath, line: UInt = #line) {
        GoldenFile.assertMatches(text, Paths.golden.appendingPathComponent(relative), file: file, line: line)
    }

    func testGanttAndProjectsGoldens() throws {
        let model = try loadSample("masterplan")
        let whatIf = WhatIfAnalysis.analyze(model, base: StaffingAnalysis.analyze(model))
        for german in [true, false] {
            let suffix = german ? ".de" : ""
            compare(Graphs.gantt(model, format: .mermaid, german: german) ?? "", "masterplan/gantt\(suffix).mmd")
            compare(Graphs.gantt(model, format: .svg, german: german) ?? "", "masterplan/gantt\(suffix).svg")
            for format in [GraphFormat.dot, .mermaid, .svg] {
                compare(Graphs.projects(model, whatIf: whatIf, format: format, german: german) ?? "", "masterplan/projects\(suffix).\(format.fileExtension)")
            }
        }
        XCTAssertNil(Graphs.gantt(model, format: .dot, german: true))
        XCTAssertNil(Graphs.projects(model, whatIf: whatIf, format: .bpmn, german: true))
    }

    /// 15 projects with 21 dated milestones; 5 `depends`; the status date at 30.06.2024.
    func testGanttStructure() throws {
        let model = try loadSample("masterplan")
        let svg = Graphs.gantt(model, format: .svg, german: true) ?? ""
        XCTAssertEqual(svg.components(separatedBy: "<rect class=\"b ").count - 1, 15 + 5)        // bars + legend
        XCTAssertEqual(svg.components(separatedBy: "<path class=\"ms ").count - 1, 21 + 3)      // diamonds + legend
        XCTAssertEqual(svg.components(separatedBy: "<path class=\"dep").count - 1, 5 + 1)       // arrows + legend
        XCTAssertEqual(svg.components(separatedBy: "<rect class=\"grp\"").count - 1, 4)         // four fields
        XCTAssertTrue(svg.contains("Stichtag 30.06.2024"))
        let mmd = Graphs.gantt(model, format: .mermaid, german: true) ?? ""
        XCTAssertTrue(mmd.hasPrefix("gantt\n"))
        XCTAssertEqual(mmd.components(separatedBy: "    section ").count - 1, 4 + 1)            // fields + status date
        XCTAssertTrue(mmd.contains("Einführung E-Akte :active, p8, 2022-07-01, 2025-12-31"), mmd)
    }

    /// 10,000 projects over a century: the chart is cut to 500 rows and says so; the
    /// axis steps in 5 years (100 years ÷ 5 = 20 ticks). Task titles cannot break Mermaid.
    func testLargeAndLongPortfoliosStayReadable() throws {
        var text = "model M { year 2024; worktime 1590 h; asof 2050-01-01 }\nunit U\n"
        text += "programme P \"Programm: 100 Jahre; #1 {x}\" { owner U; period 2000-01-01..2099-12-31; budget 1 EUR }\n"
        for i in 0..<10_000 {
            let y = 2000 + i % 100
            text += "project P\(i) \"Projekt: \(i); #\" { in P; owner U; period \(y)-01-01..\(y)-12-31; status planned; budget 0 EUR; milestone M { date \(y)-06-30 } }\n"
        }
        let model = Analyzer.check(files: [SourceFile(path: "big.orga", text: text)]).model
        XCTAssertEqual(model.projects.count, 10_000)
        let svg = Graphs.gantt(model, format: .svg, german: true) ?? ""
        XCTAssertTrue(svg.contains("Gekürzt: 9500 weitere Projekte nicht gezeichnet (höchstens 500 Zeilen)."))
        XCTAssertEqual(svg.components(separatedBy: "<text class=\"yr\"").count - 1, 20)
        let mmd = Graphs.gantt(model, format: .mermaid, german: true) ?? ""
        XCTAssertTrue(mmd.contains("%% gekürzt/cut: 9500 weitere Projekte"))
        for line in mmd.split(separator: "\n") where line.contains(" :") {
            let title = line.split(separator: ":", maxSplits: 1)[0]
            XCTAssertFalse(title.contains("#") || title.contains(";"), String(line))
        }
    }
}
