import OrgaTestSupport
import XCTest
import Foundation
import OrgaSemantics
@testable import OrgaGraphs

/// Synthetic Orga sources for stress tests.
enum Synthetic {
    /// A process with `nodes` nodes; every `decisionEvery`-th node is a decision whose
    /// second branch loops back (a loop each). Titles carry quotes, `<`, `&`, line ends
    /// and emoji when `weird` is set.
    static func process(nodes: Int, decisionEvery: Int, weird: Bool = false) -> String {
        func title(_ s: String) -> String {
            weird ? "\"\(s) \\\"quoted\\\" <tag> & co\\nsecond line 😀👩‍💻\"" : "\"\(s)\""
        }
        var src = """
            model M \(title("Modell")) { worktime 1590 h }
            unit U1 \(title("Amt <1>")) {
              position P1 \(title("Sachbearbeitung")) { planned 2 fte }
            }
            unit U2 \(title("Amt & 2")) {
              position P2 { planned 1 fte }
            }
            actor A \(title("Bürger")) { external }
            system S \(title("Fachverfahren"))
            process Big \(title("Großer Prozess")) {
              owner U1
              volume 1000 /year

            """
        let performers = ["P1", "P2", "A", "S", "U2"]
        for i in 0..<nodes {
            if decisionEvery > 0 && i % decisionEvery == decisionEvery - 1 && i + 1 < nodes {
                let back = max(0, i - 1 - (i % 7))
                src += "  decide n\(i) \(title("Frage \(i)?")) {\n"
                src += "    branch \(title("weiter")) 90 % -> n\(i + 1)\n"
                src += "    branch \(title("zurück")) 10 % -> n\(back)\n"
                src += "  }\n"
            } else {
                let perf = performers[(i / 3) % performers.count]
                let time = perf == "A" ? "wait 2 d" : "time \(5 + i % 40) min"
                src += "  step n\(i) \(title("Schritt \(i)")) { by \(perf); \(time) }\n"
            }
        }
        src += "}\n"
        return src
    }
}

final class LayoutTests: XCTestCase {
    func testSmallGraphInvariantsAndBackEdges() {
        // a → b → c → a (loop), c → d; lanes 0, 1, 0, 1.
        let sizes = [NodeSize](repeating: NodeSize(width: 100, height: 50), count: 4)
        let r = LayeredLayout.layout(sizes: sizes, lanes: [0, 1, 0, 1], laneCount: 2,
                                     edges: [(0, 1), (1, 2), (2, 0), (2, 3)], roots: [0])
        XCTAssertEqual(r.rank, [0, 1, 2, 3])
        XCTAssertEqual(r.backEdge, [false, false, true, false])
        // Nodes sit in their lanes' bands.
        for i in 0..<4 {
            let lane = r.laneRect(r.lane[i])
            XCTAssert(lane.contains(r.box(i)))
        }
        // The loop leaves c at the bottom, 12 px right of its centre (min(12, 100 / 4)),
        // and enters a at the bottom, 12 px left of its centre.
        let loop = r.edges[2]
        XCTAssertEqual(loop.first, Point(r.x[2] + 12, r.y[2] + 25))
        XCTAssertEqual(loop.last, Point(r.x[0] - 12, r.y[0] + 25))
    }

    func testSelfLoopAndBadIndicesDoNotTrap() {
        let sizes = [NodeSize](repeating: NodeSize(width: 80, height: 40), count: 3)
        let r = LayeredLayout.layout(sizes: sizes, lanes: [0, 7, -3], laneCount: 1,
                                     edges: [(0, 0), (0, 1), (1, 99), (-1, 2), (1, 2)],
                                     labelWidths: [.nan, .infinity, -5])
        XCTAssertEqual(r.edges.count, 5)
        XCTAssertTrue(r.edges[2].isEmpty)
        XCTAssertTrue(r.edges[3].isEmpty)
        XCTAssertTrue(r.backEdge[0])
        XCTAssertGreaterThanOrEqual(r.edges[0].count, 2)
        XCTAssert(r.width.isFinite && r.height.isFinite)
    }

    func testEmptyGraph() {
        let r = LayeredLayout.layout(sizes: [], lanes: [], laneCount: 0, edges: [])
        XCTAssertEqual(r.x.count, 0)
        XCTAssert(r.width.isFinite)
    }

    func testParallelBranchesGetDistinctRows() throws {
        let src = """
            model M { worktime 1590 h }
            unit U { position P { planned 1 fte } }
            process X {
              owner U
              volume 10 /year
              step a { by P; time 1 h }
              decide d { branch "ja" 50 % -> b; branch "nein" 50 % -> c }
              step b { by P; time 1 h; next e }
              step c { by P; time 1 h }
              step e { by P; time 1 h }
            }
            """
        let model = modelFrom(src)
        XCTAssertFalse(model.hasErrors, "\(model.diagnostics)")
        let d = Drawing.make(ProcessGraph.build(model, process: ProcessID(0)))
        assertLayoutInvariants(d)
        // b and c share a column, in different rows.
        let b = 3, c = 4
        XCTAssertEqual(d.layout.rank[b], d.layout.rank[c])
        XCTAssertNotEqual(d.layout.y[b], d.layout.y[c])
    }

    /// A decision sits in the lane of the step before it, skipping system steps; with
    /// only a system step before it, in the owner's lane.
    func testDecisionLanes() throws {
        let src = """
            model M { worktime 1590 h }
            unit U "Team" { position P { planned 1 fte } }
            unit V "Amt" { position Q { planned 1 fte } }
            system S "Fachverfahren"
            process X {
              owner V
              volume 10 /year
              step a { by S; time 1 min }
              decide d1 { branch "ja" 50 % -> b; branch "nein" 50 % -> b }
              step b { by P; time 1 h }
              step c { by S; time 1 min }
              decide d2 { branch "ja" 50 % -> e; branch "nein" 50 % -> e }
              step e { by Q; time 1 h }
            }
            """
        let model = modelFrom(src)
        XCTAssertFalse(model.hasErrors, "\(model.diagnostics)")
        let g = ProcessGraph.build(model, process: ProcessID(0))
        func lane(_ name: String) throws -> String {
            let node = try XCTUnwrap(g.nodes.first { $0.name == name })
            return g.lanes[node.lane].name
        }
        XCTAssertEqual(try lane("d1"), "V")   // only the system step a before it: the owner's lane
        XCTAssertEqual(try lane("d2"), "U")   // c is a system step; b (by P in U) before it
        XCTAssertEqual(try lane("c"), "S")
    }

    /// One decision with 1,000 branches: 1,000 labels and 1,000 edges in one channel
    /// (blow-up guard for label placement and channel ordering).
    func testDecisionWithThousandBranches() {
        var src = "model M { worktime 1590 h }\nunit U { position P { planned 1 fte } }\nprocess X {\n  owner U\n  volume 10 /year\n"
        src += "  decide d \"Wohin?\" {\n"
        for k in 0..<1000 { src += "    branch \"Weg \(k)\" 0.1 % -> s\(k)\n" }
        src += "  }\n"
        for k in 0..<1000 { src += "  step s\(k) { by P; time 1 min; next done }\n" }
        src += "  step done { by P; time 1 min }\n}\n"
        let model = modelFrom(src)
        let start = Date()
        let d = Drawing.make(ProcessGraph.build(model, process: ProcessID(0)))
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertLessThan(elapsed, 60, "blow-up guard only: took \(elapsed) s")
        XCTAssertEqual(d.layout.labelRect.compactMap { $0 }.count, 1000)
        XCTAssertNil(xmlError(SVGWriter.write(d)))
    }

    func testTwoThousandNodes() {
        let model = modelFrom(Synthetic.process(nodes: 2000, decisionEvery: 8))
        XCTAssertEqual(model.processes.first?.nodes.count, 2000)
        let start = Date()
        let g = ProcessGraph.build(model, process: ProcessID(0))
        let d = Drawing.make(g)
        let svg = SVGWriter.write(d)
        let bpmn = BPMNWriter.write(d)
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertLessThan(elapsed, 60, "blow-up guard only: 2,000-node process took \(elapsed) s")
        assertLayoutInvariants(d, checkCrossings: false)
        XCTAssertNil(xmlError(svg))
        XCTAssertNil(xmlError(bpmn))
    }

    func testFiveHundredLoopsWithNastyNames() {
        let model = modelFrom(Synthetic.process(nodes: 1501, decisionEvery: 3, weird: true))
        let nodes = model.processes.first?.nodes ?? []
        XCTAssertEqual(nodes.filter(\.isDecision).count, 500)
        let g = ProcessGraph.build(model, process: ProcessID(0))
        let d = Drawing.make(g)
        XCTAssertGreaterThanOrEqual(d.layout.backEdge.filter { $0 }.count, 500)
        assertLayoutInvariants(d, checkCrossings: false)
        for format in GraphFormat.allCases {
            let text = Graphs.process(model, ProcessID(0), format: format)
            XCTAssertFalse(text.isEmpty)
            if format == .svg || format == .bpmn { XCTAssertNil(xmlError(text), "\(format)") }
        }
    }

    func testCrossingsOnMediumProcess() {
        let model = modelFrom(Synthetic.process(nodes: 200, decisionEvery: 5, weird: true))
        let d = Drawing.make(ProcessGraph.build(model, process: ProcessID(0)))
        assertLayoutInvariants(d, checkCrossings: true)
    }

    func testLayoutIsDeterministic() {
        let model = modelFrom(Synthetic.process(nodes: 300, decisionEvery: 4))
        let a = Graphs.process(model, ProcessID(0), format: .bpmn)
        let b = Graphs.process(modelFrom(Synthetic.process(nodes: 300, decisionEvery: 4)), ProcessID(0), format: .bpmn)
        XCTAssertEqual(a, b)
    }

    /// Mermaid refuses diagrams over 500 edges or 50,000 characters (limits a diagram
    /// cannot raise): larger graphs are cut in node order and marked.
    func testMermaidStaysWithinMermaidsLimits() {
        let model = modelFrom(Synthetic.process(nodes: 2000, decisionEvery: 4, weird: true))
        let text = Graphs.process(model, ProcessID(0), format: .mermaid)
        XCTAssertTrue(text.contains(MermaidWriter.truncatedMarker))
        XCTAssertLessThanOrEqual(text.utf16.count, MermaidWriter.maxTextSize)
        let edgeLines = text.split(separator: "\n").filter { line in
            line.hasPrefix("  N") && (line.contains(" --> ") || line.contains(" -->|") || line.contains(" --- ") || line.contains(" -.-> "))
        }
        XCTAssertLessThanOrEqual(edgeLines.count, MermaidWriter.maxEdges)
        XCTAssertGreaterThan(edgeLines.count, 100)
        XCTAssertTrue(text.contains("NMORE["))
        let small = modelFrom(Synthetic.process(nodes: 20, decisionEvery: 4))
        XCTAssertFalse(Graphs.process(small, ProcessID(0), format: .mermaid).contains(MermaidWriter.truncatedMarker))
    }
}
