import XCTest
import Foundation
import OrgaSyntax
import OrgaSemantics
import OrgaTestSupport
@testable import OrgaGraphs

enum Paths {
    static let golden = TestPaths.tests("OrgaGraphsTests").appendingPathComponent("golden")
}

func loadSample(_ name: String) throws -> Model {
    Analyzer.check(files: try ModelFiles.sample(name))
}

func modelFrom(_ source: String, path: String = "test.orga") -> Model {
    Analyzer.check(files: [SourceFile(path: path, bytes: Array(source.utf8))])
}

/// Layout invariants: finite coordinates; no two nodes overlap (with their labels);
/// every node inside its lane; every edge starts on its source's shape and ends on
/// its target's; no edge segment crosses another node's shape.
func assertLayoutInvariants(_ d: Drawing, checkCrossings: Bool = true, file: StaticString = #filePath, line: UInt = #line) {
    let L = d.layout
    let g = d.graph
    let n = g.nodes.count
    XCTAssertEqual(L.x.count, n, file: file, line: line)
    for i in 0..<n {
        XCTAssert(L.x[i].isFinite && L.y[i].isFinite, "node \(i) has non-finite position", file: file, line: line)
    }
    // No overlaps: sweep over boxes sorted by x.
    let boxes = (0..<n).map { L.box($0) }
    let byX = (0..<n).sorted { boxes[$0].x < boxes[$1].x }
    var overlaps = 0
    for (k, i) in byX.enumerated() {
        var j = k + 1
        while j < byX.count && boxes[byX[j]].x < boxes[i].maxX - 1e-6 {
            let o = byX[j]
            if boxes[i].intersects(boxes[o]) {
                // Touching is fine; a real overlap is more than a hair.
                let dx = min(boxes[i].maxX, boxes[o].maxX) - max(boxes[i].x, boxes[o].x)
                let dy = min(boxes[i].maxY, boxes[o].maxY) - max(boxes[i].y, boxes[o].y)
                if dx > 0.01 && dy > 0.01 {
                    overlaps += 1
                    if overlaps <= 3 { XCTFail("nodes \(i) (\(g.nodes[i].name)) and \(o) (\(g.nodes[o].name)) overlap", file: file, line: line) }
                }
            }
            j += 1
        }
    }
    XCTAssertEqual(overlaps, 0, "overlapping nodes", file: file, line: line)
    // Inside lanes.
    if !g.lanes.isEmpty {
        for i in 0..<n {
            let l = g.nodes[i].lane
            XCTAssert(l >= 0 && l < g.lanes.count, "node \(i) has no lane", file: file, line: line)
            if l >= 0 && l < g.lanes.count {
                var lane = L.laneRect(l)
                lane.x += L.laneHeaderWidth
                lane.width -= L.laneHeaderWidth
                XCTAssert(lane.contains(boxes[i]), "node \(i) (\(g.nodes[i].name)) \(boxes[i]) outside its lane \(lane)", file: file, line: line)
            }
        }
    }
    // Edges start and end on their nodes.
    for (k, e) in g.edges.enumerated() {
        guard k < L.edges.count else { XCTFail("edge \(k) has no route", file: file, line: line); continue }
        let pts = L.edges[k]
        if g.kind == .org && pts.isEmpty { continue }
        XCTAssertGreaterThanOrEqual(pts.count, 2, "edge \(k) has fewer than 2 points", file: file, line: line)
        guard let first = pts.first, let last = pts.last else { continue }
        XCTAssert(onBoundary(first, of: e.from, d), "edge \(k) does not start on node \(e.from): \(first) vs \(L.shape(e.from))", file: file, line: line)
        XCTAssert(onBoundary(last, of: e.to, d), "edge \(k) does not end on node \(e.to): \(last) vs \(L.shape(e.to))", file: file, line: line)
        for p in pts { XCTAssert(p.x.isFinite && p.y.isFinite, file: file, line: line) }
    }
    // No edge crosses a node shape (other than at its own ends).
    if checkCrossings {
        let shapes = (0..<n).map { L.shape($0) }
        var crossings = 0
        for (k, e) in g.edges.enumerated() where k < L.edges.count {
            let pts = L.edges[k]
            guard pts.count >= 2 else { continue }
            for s in 0..<(pts.count - 1) {
                let a = pts[s], b = pts[s + 1]
                let minX = min(a.x, b.x), maxX = max(a.x, b.x), minY = min(a.y, b.y), maxY = max(a.y, b.y)
                for i in 0..<n where i != e.from && i != e.to {
                    let r = shapes[i]
                    // Strict interior intersection of an axis-parallel segment with a rectangle.
                    if maxX > r.x + 0.5 && minX < r.maxX - 0.5 && maxY > r.y + 0.5 && minY < r.maxY - 0.5 {
                        crossings += 1
                        if crossings <= 3 { XCTFail("edge \(k) crosses node \(i) (\(g.nodes[i].name))", file: file, line: line) }
                    }
                }
            }
        }
        XCTAssertEqual(crossings, 0, "edges crossing nodes", file: file, line: line)
    }
}

func onBoundary(_ p: Point, of i: Int, _ d: Drawing) -> Bool {
    let r = d.layout.shape(i)
    let cx = r.x + r.width / 2, cy = r.y + r.height / 2
    let eps = 0.05
    switch d.graph.nodes[i].kind {
    case .decision:
        let v = abs(p.x - cx) / (r.width / 2) + abs(p.y - cy) / (r.height / 2)
        return abs(v - 1) < 0.01
    case .start, .end:
        let dist = ((p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy)).squareRoot()
        return abs(dist - r.width / 2) < 0.05
    default:
        let inside = p.x >= r.x - eps && p.x <= r.maxX + eps && p.y >= r.y - eps && p.y <= r.maxY + eps
        let edge = abs(p.x - r.x) < eps || abs(p.x - r.maxX) < eps || abs(p.y - r.y) < eps || abs(p.y - r.maxY) < eps
        return inside && edge
    }
}
