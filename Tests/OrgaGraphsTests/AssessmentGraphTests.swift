import XCTest
import Foundation
import OrgaTestSupport
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport
@testable import OrgaGraphs

/// The heat map of a matrix and the responsibility chart derived from a process.
final class AssessmentGraphTests: XCTestCase {
    func compare(_ text: String, _ relative: String, file: StaticString = #filePath, line: UInt = #line) {
        GoldenFile.assertMatches(text, Paths.golden.appendingPathComponent(relative), file: file, line: line)
    }

    func testHeatMapGoldens() throws {
        let model = try loadSample("jugendamt")
        let m = try XCTUnwrap(model.matrix(named: "Reife"))
        let f = MatrixFigures(model, matrix: m)
        let de = MatrixHeatMap.svg(model, f, language: .de)
        compare(de, "jugendamt/Reife.heatmap.de.svg")
        compare(MatrixHeatMap.svg(model, f, language: .en), "jugendamt/Reife.heatmap.en.svg")
        // Numbers in the cells, not colour alone: every index is written (German decimal comma).
        for text in ["2,33", "1,67", "1,83", "2,25", "1,58"] { XCTAssertTrue(de.contains(">\(text)</text>"), text) }
        // Exactly one cell (Technik × passt, spread 3 ≥ 1.5) has the disagreement frame
        // (plus the one in the legend).
        XCTAssertEqual(de.components(separatedBy: "<rect class=\"dis\"").count - 1, 2)
        XCTAssertEqual(de, MatrixHeatMap.svg(model, f, language: .de), "deterministic")
    }

    /// Long area and aspect titles wrap at word boundaries; nothing is cut ("…"), and every
    /// word of every title is drawn.
    func testHeatMapTitlesWrapInsteadOfBeingCut() throws {
        let aspect = "Rechtssicherheit und Nachvollziehbarkeit der Entscheidungen"
        let area = "Informationstechnik, Fachverfahren und elektronische Aktenführung"
        let src = """
            unit R "Amt" { position P { planned 1 fte } }
            matrix M "Reife" {
              scale 1..4
              area A "\(area)"
              area B "kurz"
              aspect x "\(aspect)"
              aspect y "y"
              rating R { rate A 1, 2; rate B 3, 4 }
            }

            """
        let model = modelFrom(src)
        let m = try XCTUnwrap(model.matrix(named: "M"))
        let svg = MatrixHeatMap.svg(model, MatrixFigures(model, matrix: m), language: .de)
        XCTAssertFalse(svg.contains("…"), svg)
        for word in (aspect + " " + area).split(separator: " ") {
            XCTAssertTrue(svg.contains(String(word)), "\(word) is drawn")
        }
        // The aspect title takes several lines above its column.
        let aspectWords = aspect.split(separator: " ").map(String.init)
        let firstLine = svg.components(separatedBy: "\n").first { $0.contains(">\(aspectWords[0])") }
        XCTAssertNotNil(firstLine)
        XCTAssertFalse(firstLine?.contains(aspectWords.last ?? "") ?? true, "the title wraps")
    }

    /// The colours get darker as the index grows: readable in greyscale.
    func testPaletteLightnessFalls() {
        func luminance(_ hex: String) -> Double {
            let v = Array(hex.dropFirst())
            func c(_ i: Int) -> Double { Double(Int(String(v[i...i + 1]), radix: 16) ?? 0) }
            return 0.2126 * c(0) + 0.7152 * c(2) + 0.0722 * c(4)
        }
        let ls = stride(from: 0.0, through: 1.0, by: 0.05).map { luminance(HeatPalette.color($0)) }
        for (a, b) in zip(ls, ls.dropFirst()) { XCTAssertGreaterThan(a, b) }
        XCTAssertEqual(HeatPalette.color(.nan), HeatPalette.color(0))
    }

    /// The derived chart agrees with the process graph: the same steps in the same order,
    /// and each step's R is drawn in the lane of that performer (a position in the lane
    /// of its unit).
    func testDerivedChartAgreesWithProcessGraph() throws {
        let model = try loadSample("jugendamt")
        for p in model.processes.ids {
            let chart = ProcessResponsibility(model, process: p)
            let g = ProcessGraph.build(model, process: p)
            let steps = g.nodes.enumerated().filter { if case .task = $0.element.kind { return true }; return false }
            XCTAssertEqual(chart.rows.map { model.processes[p].nodes[$0.node].name }, steps.map(\.element.name))
            for row in chart.rows {
                let node = g.nodes[row.node + 1]   // graph node i + 1 is flow node i
                let lane = g.lanes[node.lane]
                let r = try XCTUnwrap(row.responsible)
                let expected: String
                switch r {
                case .position(let i): expected = model.positions[i].unit.map { model.units[$0].name } ?? model.positions[i].name
                default: expected = model.partyName(r)
                }
                XCTAssertEqual(lane.name, expected, "\(model.processes[p].name).\(node.name)")
            }
            // A: the head of the owner unit (SozAsyl → AbtL_Soz, Jugend → AbtL_Jugend).
            let owner = try XCTUnwrap(model.processes[p].owner)
            XCTAssertEqual(chart.accountable, model.units[owner].head.map { .position($0) })
        }
    }
}
