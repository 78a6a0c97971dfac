import XCTest
import Foundation
import OrgaTestSupport
import OrgaSemantics
@testable import OrgaGraphs

/// Golden files: every sample process in every format, plus org chart and landscape.
/// Refresh with `UPDATE_GOLDEN=1 swift test --filter OrgaGraphsTests`.
final class GoldenTests: XCTestCase {
    static let samples = ["buergerbuero", "hilden", "jugendamt", "landesamt"]
    func compare(_ text: String, _ relative: String, file: StaticString = #filePath, line: UInt = #line) {
        GoldenFile.assertMatches(text, Paths.golden.appendingPathComponent(relative), file: file, line: line)
    }

    func testProcessesInEveryFormat() throws {
        for sample in Self.samples {
            let model = try loadSample(sample)
            XCTAssertFalse(model.hasErrors, "\(sample) has errors")
            for p in model.processes.indices {
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
        let p = try XCTUnwrap(model.processes.firstIndex { $0.name == "Stellenbewertung" })
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

    /// Same model → byte-identical output, also from a freshly loaded model.
    func testDeterminism() throws {
        let a = try loadSample("hilden"), b = try loadSample("hilden")
        let ma = GraphMetrics.analyze(a), mb = GraphMetrics.analyze(b)
        for p in a.processes.indices {
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
            for p in model.processes.indices {
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
            for p in model.processes.indices {
                XCTAssertNil(xmlError(Graphs.process(model, p, format: .svg)))
                XCTAssertNil(xmlError(Graphs.process(model, p, format: .bpmn)))
            }
            XCTAssertNil(xmlError(Graphs.org(model, format: .svg) ?? ""))
            XCTAssertNil(xmlError(Graphs.landscape(model, format: .svg) ?? ""))
        }
    }
}
