import XCTest
import Foundation
import OrgaTestSupport
import OrgaSemantics
import OrgaAnalysis
@testable import OrgaGraphs

/// Golden files: every sample process in every format, plus org chart and landscape.
/// Refresh with `UPDATE_GOLDEN=1 swift test --filter OrgaGraphsTests`.
final class GoldenTests: XCTestCase {
    static let samples = ["buergerbuero", "hilden", "jugendamt", "landesamt", "masterplan"]
    func compare(_ text: String, _ relative: String, file: StaticString = #filePath, line: UInt = #line) {
        GoldenFile.assertMatches(text, Paths.golden.appendingPathComponent(relative), file: file, line: line)
    }

    func testProcessesInEveryFormat() throws {
        for sample in Self.samples {
            let model = try loadSample(sample)
            XCTAssertFalse(model.hasErrors, "\(sample) has errors")
            for p in model.processes.ids {
                for format in GraphFormat.allCases {
                    let text = Graphs.process(model, p, format: format)
                    compare(text, "\(sample)/\(Graphs.fileName(model.processes[p].name, format))")
                }
            }
        }
    }

    func testProcessWithMetrics() throws {
        let model = try loadSample("hilden")
        let metrics = GraphMetrics.analyze(model)
        let p = try XCTUnwrap(model.processes.firstID { $0.name == "Stellenbewertung" })
        for format in GraphFormat.allCases {
            let text = Graphs.process(model, p, format: format, metrics: metrics, showMetrics: true)
            compare(text, "hilden/metrics/\(Graphs.fileName("Stellenbewertung", format))")
        }
    }

    func testOrgAndLandscape() throws {
        for sample in Self.samples {
            let model = try loadSample(sample)
            let metrics = GraphMetrics.analyze(model)
            for format in [GraphFormat.dot, .mermaid, .svg] {
                compare(Graphs.org(model, format: format, metrics: metrics) ?? "", "\(sample)/org.\(format.fileExtension)")
                compare(Graphs.landscape(model, format: format, metrics: metrics) ?? "", "\(sample)/landscape.\(format.fileExtension)")
            }
            XCTAssertNil(Graphs.org(model, format: .bpmn))
            XCTAssertNil(Graphs.landscape(model, format: .bpmn))
        }
    }

    /// `orgc graph --measures`: the requires graph of the sample with measures, with the
    /// savings of every applying scenario (en) and of Soll2026 (de).
    func testMeasuresGraph() throws {
        let model = try loadSample("buergerbuero")
        let whatIf = WhatIfAnalysis.analyze(model, base: StaffingAnalysis.analyze(model))
        let soll = model.scenarios.firstID { $0.name == "Soll2026" }
        for format in [GraphFormat.dot, .mermaid, .svg] {
            compare(Graphs.measures(model, whatIf: whatIf, scenario: nil, format: format, german: false) ?? "", "buergerbuero/measures.\(format.fileExtension)")
            compare(Graphs.measures(model, whatIf: whatIf, scenario: soll, format: format, german: true) ?? "", "buergerbuero/measures.Soll2026.de.\(format.fileExtension)")
        }
        XCTAssertNil(Graphs.measures(model, whatIf: whatIf, scenario: nil, format: .bpmn, german: false))
        // DigitalePost requires Ausgangsmanagement: one edge 0 → 1.
        let g = MeasureGraph.build(model, whatIf: whatIf, scenario: soll, german: false)
        XCTAssertEqual(g.edges.map { [$0.from, $0.to] }, [[0, 1]])
        XCTAssertTrue(g.nodes[1].details.contains("-0.457 fte, 39,617 EUR/year, payback 0.38 y"), "\(g.nodes[1].details)")
    }

    /// German, the CLI's default: the org chart, the landscape and one process with
    /// figures in every format, and every process as Mermaid (the shortest to review).
    func testGermanGraphs() throws {
        for sample in Self.samples {
            let model = try loadSample(sample)
            let metrics = GraphMetrics.analyze(model)
            for format in [GraphFormat.dot, .mermaid, .svg] {
                compare(Graphs.org(model, format: format, metrics: metrics, words: .de) ?? "", "\(sample)/de/org.\(format.fileExtension)")
                compare(Graphs.landscape(model, format: format, metrics: metrics, words: .de) ?? "", "\(sample)/de/landscape.\(format.fileExtension)")
            }
            for p in model.processes.ids {
                let text = Graphs.process(model, p, format: .mermaid, metrics: metrics, showMetrics: true, words: .de)
                compare(text, "\(sample)/de/\(Graphs.fileName(model.processes[p].name, .mermaid))")
            }
        }
        let model = try loadSample("landesamt")
        let metrics = GraphMetrics.analyze(model)
        let p = try XCTUnwrap(model.processes.firstID { $0.name == "Aufenthaltstitel" })
        for format in GraphFormat.allCases {
            let text = Graphs.process(model, p, format: format, metrics: metrics, showMetrics: true, words: .de)
            compare(text, "landesamt/de/metrics/\(Graphs.fileName("Aufenthaltstitel", format))")
        }
    }

    /// Same model → byte-identical output, also from a freshly loaded model.
    func testDeterminism() throws {
        let a = try loadSample("hilden"), b = try loadSample("hilden")
        let ma = GraphMetrics.analyze(a), mb = GraphMetrics.analyze(b)
        for p in a.processes.ids {
            for format in GraphFormat.allCases {
                XCTAssertEqual(Graphs.process(a, p, format: format, metrics: ma, showMetrics: true),
                               Graphs.process(b, p, format: format, metrics: mb, showMetrics: true))
            }
        }
        XCTAssertEqual(Graphs.org(a, format: .svg, metrics: ma), Graphs.org(b, format: .svg, metrics: mb))
        XCTAssertEqual(Graphs.landscape(a, format: .svg, metrics: ma), Graphs.landscape(b, format: .svg, metrics: mb))
    }

    func testSampleLayoutsKeepInvariants() throws {
        for sample in Self.samples {
            let model = try loadSample(sample)
            let metrics = GraphMetrics.analyze(model)
            for p in model.processes.ids {
                let g = ProcessGraph.build(model, process: p, metrics: metrics, options: .init(showMetrics: true))
                assertLayoutInvariants(Drawing.make(g))
            }
            assertLayoutInvariants(Drawing.make(Landscape.build(model, metrics: metrics)))
            assertLayoutInvariants(OrgChart.drawing(OrgChart.build(model, metrics: metrics)))
        }
    }

    func testSampleXMLIsWellFormed() throws {
        for sample in Self.samples {
            let model = try loadSample(sample)
            for p in model.processes.ids {
                XCTAssertNil(xmlError(Graphs.process(model, p, format: .svg)))
                XCTAssertNil(xmlError(Graphs.process(model, p, format: .bpmn)))
            }
            XCTAssertNil(xmlError(Graphs.org(model, format: .svg) ?? ""))
            XCTAssertNil(xmlError(Graphs.landscape(model, format: .svg) ?? ""))
        }
    }
}
