import XCTest
import Foundation
import OrgaTestSupport
import OrgaSemantics
import OrgaAnalysis
@testable import OrgaGraphs

/// What a reader would call a broken drawing, checked on the geometry the writers draw
/// from (`Drawing`: boxes, texts, badges, label boxes, edge polylines), on every graph of
/// every sample: every process (with and without figures, German and English), the org
/// chart and the landscape.
final class GeometryTests: XCTestCase {
    func testEverySampleGraphIsClean() throws {
        var checked = 0
        for sample in GoldenTests.samples {
            let model = try loadSample(sample)
            let metrics = GraphMetrics.analyze(model)
            for words in [Words.de, Words.en] {
                for p in model.processes.ids {
                    for show in [false, true] {
                        let g = ProcessGraph.build(model, process: p, metrics: metrics, options: .init(showMetrics: show, words: words))
                        assertClean(Drawing.make(g), "\(sample)/\(model.processes[p].name)\(show ? " --metrics" : "") \(words.language)")
                        checked += 1
                    }
                }
                assertClean(OrgChart.drawing(OrgChart.build(model, metrics: metrics, words: words)), "\(sample) org \(words.language)")
                assertClean(Drawing.make(Landscape.build(model, metrics: metrics, words: words)), "\(sample) landscape \(words.language)")
                checked += 2
            }
        }
        // 5 samples × 2 languages × (19 processes (jugendamt has 2, masterplan 1) × 2 + org + landscape).
        XCTAssertEqual(checked, 2 * (19 * 2 + 5 * 2))
    }

    /// The measures graph (`graph --measures`, same engine) of every sample, with every
    /// applying scenario and with each scenario alone, German and English: clean, and no
    /// detail cut ("0 VZÄ, -4.000 EUR/Jahr, keine Amortisation" wraps instead).
    func testEveryMeasuresGraphIsCleanAndWhole() throws {
        var checked = 0
        for sample in GoldenTests.samples {
            let model = try loadSample(sample)
            let whatIf = WhatIfAnalysis.analyze(model, base: StaffingAnalysis.analyze(model))
            for german in [true, false] {
                for scenario in [nil] + model.scenarios.ids.map(Optional.some) {
                    let d = Drawing.make(MeasureGraph.build(model, whatIf: whatIf, scenario: scenario, german: german))
                    let name = "\(sample) measures \(scenario.map { model.scenarios[$0].name } ?? "all") \(german ? "de" : "en")"
                    assertClean(d, name)
                    for w in d.wrapped { XCTAssertFalse(w.lines.joined().contains("…"), "\(name): \(w.original)") }
                    let details = d.graph.nodes.reduce(0) { $0 + $1.details.count }
                    XCTAssertEqual(d.wrapped.count, d.graph.nodes.count + details, "\(name): every title and detail is wrapped, none truncated")
                    checked += 1
                }
            }
        }
        // buergerbuero has 2 scenarios: (1 + 2) × 2 languages; masterplan 1: (1 + 1) × 2;
        // the other samples draw an empty graph once per language.
        XCTAssertEqual(checked, 3 * 2 + 2 * 2 + 3 * 2)
    }

    /// A synthetic process with 40 loops, titles with quotes, markup, line ends and
    /// emoji: just as clean.
    func testMediumSyntheticProcessIsClean() {
        let model = modelFrom(Synthetic.process(nodes: 200, decisionEvery: 5, weird: true))
        assertClean(Drawing.make(ProcessGraph.build(model, process: ProcessID(0), metrics: GraphMetrics.analyze(model), options: .init(showMetrics: true, words: .de))), "synthetic")
    }

    /// A wide level wraps into rows: twelve offices under one department, each with two
    /// teams, and long titles that must wrap at word boundaries, never cut.
    func testWideOrgChartWrapsIntoRows() {
        var src = "model M \"Stadt\" { worktime 1590 h }\nunit D \"Dezernat\" {\n  head L\n  position L \"Dezernentin\" { planned 1 fte; filled 1 fte }\n"
        for a in 0..<12 {
            src += "  unit A\(a) \"Amt für Stadtentwicklung, Bauordnung und Denkmalpflege \(a)\" {\n"
            src += "    position P\(a) \"Sachbearbeitung Standesbeamtin/Standesbeamter und Personalaktenführungsangelegenheiten\" { planned 2 fte; filled 1.5 fte; kw 2030 }\n"
            for t in 0..<2 { src += "    unit T\(a)_\(t) \"Team \(t)\" { position Q\(a)_\(t) { planned 1 fte } }\n" }
            src += "  }\n"
        }
        src += "}\n"
        let model = modelFrom(src)
        XCTAssertFalse(model.hasErrors, "\(model.diagnostics)")
        let d = OrgChart.drawing(OrgChart.build(model, metrics: GraphMetrics.analyze(model), words: .de))
        assertClean(d, "wide org chart")
        assertLayoutInvariants(d)
        // Rows no wider than the limit (plus the trunk): the 12 offices take several rows.
        XCTAssertLessThanOrEqual(d.layout.width, OrgChart.maxRowWidth + OrgChart.hGap + 60)
        let officeTops = Set((1...12).map { d.layout.y[$0] - d.layout.size[$0].height / 2 })
        XCTAssertGreaterThan(officeTops.count, 1)
        // Nothing cut: every wrapped text is whole.
        for w in d.wrapped { XCTAssertFalse(w.lines.joined().contains("…"), w.original) }
    }

    /// The checks find what they are meant to find.
    func testChecksCatchBrokenDrawings() throws {
        let model = try loadSample("landesamt")
        let p = try XCTUnwrap(model.processes.firstID { $0.name == "Aufenthaltstitel" })
        let good = Drawing.make(ProcessGraph.build(model, process: p, options: .init(words: .de)))
        XCTAssertEqual(Problems.of(good), [])
        // Two nodes on top of each other.
        var overlap = good
        overlap.layout.x[2] = overlap.layout.x[1]
        overlap.layout.y[2] = overlap.layout.y[1]
        XCTAssert(Problems.of(overlap).contains { $0.hasPrefix("boxes overlap") })
        // A label moved onto another edge.
        var label = good
        let labelled = try XCTUnwrap(label.layout.labelRect.firstIndex { $0 != nil })
        let other = try XCTUnwrap(label.layout.edges.indices.first { $0 != labelled && label.layout.edges[$0].count >= 2 })
        let a = label.layout.edges[other][0], b = label.layout.edges[other][1]
        label.layout.labelRect[labelled] = Rect(x: (a.x + b.x) / 2 - 10, y: (a.y + b.y) / 2 - 6, width: 20, height: 12)
        XCTAssert(Problems.of(label).contains { $0.hasPrefix("label of edge") })
        // A word broken in the middle.
        var broken = good
        broken.wrapped.append(WrappedText(node: 1, original: "Standesbeamtin/Standesbeamter", lines: ["Standesbeamtin/Standesbeamt", "er"], maxWidth: 200, size: 12))
        XCTAssert(Problems.of(broken).contains { $0.hasPrefix("mid-word break") })
        // A hyphenated break of a word that would have fitted.
        var hyphen = good
        hyphen.wrapped.append(WrappedText(node: 1, original: "Sachbearbeitung", lines: ["Sachbear-", "beitung"], maxWidth: 200, size: 12))
        XCTAssert(Problems.of(hyphen).contains { $0.hasPrefix("mid-word break") })
        // A badge over the title.
        let mb = try XCTUnwrap(good.graph.nodes.indices.first { good.graph.nodes[$0].mediaBreak })
        var badge = good
        badge.customTexts = good.graph.nodes.indices.map { good.texts($0) }
        if let b = good.badge(mb) {
            badge.customTexts?[mb].append(PlacedText("Titel", x: b.x - 5, y: b.maxY - 2, anchor: .start, cssClass: "t", size: 12))
        }
        XCTAssert(Problems.of(badge).contains { $0.hasPrefix("badge") })
    }

    /// A long word is hyphenated visibly only when it is wider than the box; a slash
    /// or a hyphen in a word is a break point.
    func testWrapBreaksAtWordBoundaries() {
        XCTAssertEqual(TextMetrics.wrap("Standesbeamtin/Standesbeamter", maxWidth: 120, size: 12), ["Standesbeamtin/", "Standesbeamter"])
        XCTAssertEqual(TextMetrics.wrap("Haupt- und Personalamt", maxWidth: 80, size: 12), ["Haupt- und", "Personalamt"])
        XCTAssertEqual(TextMetrics.wrap("Ausländer-Zentralregister", maxWidth: 100, size: 12), ["Ausländer-", "Zentralregister"])
        let long = TextMetrics.wrap("Donaudampfschifffahrtsgesellschaftskapitän", maxWidth: 120, size: 12, maxLines: 9)
        XCTAssertGreaterThan(long.count, 1)
        for l in long.dropLast() { XCTAssert(l.hasSuffix("-"), l) }
        XCTAssertEqual(long.joined().replacingOccurrences(of: "-", with: ""), "Donaudampfschifffahrtsgesellschaftskapitän")
        for l in long { XCTAssertLessThanOrEqual(TextMetrics.width(l, size: 12), 120.01) }
        XCTAssertEqual(Problems.midWordBreaks(WrappedText(node: 0, original: "Donaudampfschifffahrtsgesellschaftskapitän", lines: long, maxWidth: 120, size: 12)), [])
    }

    func assertClean(_ d: Drawing, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let problems = Problems.of(d)
        XCTAssert(problems.isEmpty, "\(what): \(problems.count) problems:\n" + problems.prefix(8).joined(separator: "\n"), file: file, line: line)
    }
}

/// The checks, each returning one line per problem found.
enum Problems {
    static func of(_ d: Drawing) -> [String] {
        overlappingBoxes(d) + labels(d) + badges(d) + texts(d) + d.wrapped.flatMap(midWordBreaks) + sharedSegments(d) + laneBorders(d)
    }

    static func name(_ d: Drawing, _ i: Int) -> String {
        i >= 0 && i < d.graph.nodes.count ? "\(i) \(d.graph.nodes[i].name)" : "\(i)"
    }

    /// Segments of every edge: (edge, a, b).
    static func segments(_ d: Drawing) -> [(Int, Point, Point)] {
        var out: [(Int, Point, Point)] = []
        for (e, pts) in d.layout.edges.enumerated() where pts.count >= 2 {
            for k in 0..<(pts.count - 1) { out.append((e, pts[k], pts[k + 1])) }
        }
        return out
    }

    static func overlap(_ a: Rect, _ b: Rect, by eps: Double = 0.5) -> Bool {
        min(a.maxX, b.maxX) - max(a.x, b.x) > eps && min(a.maxY, b.maxY) - max(a.y, b.y) > eps
    }

    static func overlappingBoxes(_ d: Drawing) -> [String] {
        let n = d.graph.nodes.count
        var out: [String] = []
        let boxes = (0..<n).map { d.layout.box($0) }
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) where overlap(boxes[i], boxes[j]) { out.append("boxes overlap: \(name(d, i)) and \(name(d, j))") } }
        return out
    }

    /// A label box meets no node, no other label, no edge but its own, and sits beside
    /// a stretch of its own edge that no other edge shares.
    static func labels(_ d: Drawing) -> [String] {
        var out: [String] = []
        let L = d.layout
        let segs = segments(d)
        let rects = L.labelRect
        for (e, r) in rects.enumerated() {
            guard let r else {
                if e < d.edgeLabels.count && !d.edgeLabels[e].isEmpty { out.append("label of edge \(e) has no place") }
                continue
            }
            for i in d.graph.nodes.indices where overlap(L.box(i), r, by: 0) { out.append("label of edge \(e) over node \(name(d, i))") }
            for (f, other) in rects.enumerated() where f > e { if let other, overlap(other, r, by: 0) { out.append("label of edge \(e) over label of edge \(f)") } }
            for (f, a, b) in segs where f != e && r.crossedBy(a, b, margin: 0) { out.append("label of edge \(e) on edge \(f)") }
            // Its own segment beside it (within 6 px), not shared with another edge there.
            let own = segs.filter { $0.0 == e }
            let beside = own.first { _, a, b in
                let grown = Rect(x: r.x - 6, y: r.y - 6, width: r.width + 12, height: r.height + 12)
                return grown.crossedBy(a, b, margin: 0)
            }
            guard let (_, a, b) = beside else { out.append("label of edge \(e) beside none of its segments"); continue }
            let horizontal = abs(a.y - b.y) < 1e-9
            for (f, p, q) in segs where f != e {
                let same = horizontal ? abs(p.y - q.y) < 1e-9 && abs(p.y - a.y) < 2 : abs(p.x - q.x) < 1e-9 && abs(p.x - a.x) < 2
                guard same else { continue }
                let lo = horizontal ? min(p.x, q.x) : min(p.y, q.y), hi = horizontal ? max(p.x, q.x) : max(p.y, q.y)
                let slo = horizontal ? r.x : r.y, shi = horizontal ? r.maxX : r.maxY
                if hi > slo && lo < shi { out.append("label of edge \(e) on a segment shared with edge \(f)") }
            }
        }
        return out
    }

    /// A media-break badge covers no text.
    static func badges(_ d: Drawing) -> [String] {
        var out: [String] = []
        for i in d.graph.nodes.indices {
            guard let b = d.badge(i) else { continue }
            for j in d.graph.nodes.indices {
                for t in d.texts(j) where overlap(t.rect, b, by: 0) { out.append("badge of \(name(d, i)) over text \"\(t.text)\"") }
            }
        }
        return out
    }

    /// Texts of a box stay inside it and do not overlap each other.
    static func texts(_ d: Drawing) -> [String] {
        var out: [String] = []
        for i in d.graph.nodes.indices {
            let ts = d.texts(i)
            switch d.graph.nodes[i].kind {
            case .task, .call, .process, .unit:
                let r = d.layout.shape(i)
                let inner = Rect(x: r.x + 2, y: r.y + 1, width: r.width - 4, height: r.height - 2)
                for t in ts where !inner.contains(t.rect) { out.append("text \"\(t.text)\" outside its box \(name(d, i))") }
            default:
                let r = d.layout.box(i)
                let grown = Rect(x: r.x - 1, y: r.y - 1, width: r.width + 2, height: r.height + 2)
                for t in ts where !grown.contains(t.rect) { out.append("text \"\(t.text)\" outside the space of \(name(d, i))") }
            }
            for a in ts.indices { for b in ts.indices where b > a && overlap(ts[a].rect, ts[b].rect, by: 0.5) { out.append("texts \"\(ts[a].text)\" and \"\(ts[b].text)\" overlap in \(name(d, i))") } }
        }
        return out
    }

    /// Lines break at spaces, after a slash or hyphen of the text, or (with an added
    /// hyphen) inside a word that is wider than the line on its own. A last line cut
    /// with "…" ends the check.
    static func midWordBreaks(_ w: WrappedText) -> [String] {
        let original = Array(w.original.unicodeScalars.map { $0.value < 0x20 ? " " : $0 })
        var pos = 0
        var out: [String] = []
        func skipSpaces() { while pos < original.count && original[pos] == " " { pos += 1 } }
        for (k, line) in w.lines.enumerated() {
            var scalars = Array(line.unicodeScalars)
            if scalars.last == "…" { break }
            skipSpaces()
            let addedHyphen = scalars.last == "-" && k < w.lines.count - 1 && !(pos + scalars.count <= original.count && original[pos + scalars.count - 1] == "-")
            if addedHyphen { scalars.removeLast() }
            // The line is the text from pos on (spaces collapsed).
            var j = 0
            while j < scalars.count && pos < original.count {
                if scalars[j] == " " && original[pos] == " " { j += 1; skipSpaces(); continue }
                guard scalars[j] == original[pos] else { return ["mid-word break: line \"\(line)\" does not follow \"\(w.original)\""] }
                j += 1
                pos += 1
            }
            guard k < w.lines.count - 1 && pos < original.count else { continue }
            let before = original[pos - 1], after = original[pos]
            if after == " " || before == "/" || before == "-" { continue }
            if addedHyphen {
                // Only a word wider than the line may be split.
                var s = pos, e = pos
                while s > 0 && original[s - 1] != " " { s -= 1 }
                while e < original.count && original[e] != " " { e += 1 }
                let word = String(String.UnicodeScalarView(original[s..<e]))
                if TextMetrics.width(word, size: w.size) > w.maxWidth { continue }
            }
            out.append("mid-word break: \"\(line)\" | \"\(w.lines[k + 1])\" in \"\(w.original)\"")
        }
        return out
    }

    /// No two edges run on top of each other, except edges that leave the same node or
    /// enter the same node (a fan-out or fan-in shares its first or last stretch).
    static func sharedSegments(_ d: Drawing) -> [String] {
        guard d.graph.kind != .org else { return [] }
        var out: [String] = []
        let segs = segments(d)
        let edges = d.graph.edges
        for x in segs.indices {
            for y in segs.indices where y > x && segs[x].0 != segs[y].0 {
                let (e, a, b) = segs[x], (f, p, q) = segs[y]
                guard e < edges.count && f < edges.count else { continue }
                if edges[e].from == edges[f].from || edges[e].to == edges[f].to { continue }
                let h1 = abs(a.y - b.y) < 1e-9, h2 = abs(p.y - q.y) < 1e-9
                guard h1 == h2 else { continue }
                let near = h1 ? abs(a.y - p.y) < 3 : abs(a.x - p.x) < 3
                guard near else { continue }
                let lo = h1 ? max(min(a.x, b.x), min(p.x, q.x)) : max(min(a.y, b.y), min(p.y, q.y))
                let hi = h1 ? min(max(a.x, b.x), max(p.x, q.x)) : min(max(a.y, b.y), max(p.y, q.y))
                if hi - lo > 3 { out.append("edges \(e) and \(f) run on top of each other (\(h1 ? "y" : "x") ≈ \(h1 ? a.y : a.x), \(Int(hi - lo)) px)") }
            }
        }
        return out
    }

    /// No edge runs along a lane border (within 12 px over more than 12 px).
    static func laneBorders(_ d: Drawing) -> [String] {
        let L = d.layout
        var out: [String] = []
        var borders = Set<Double>()
        for l in L.laneTop.indices { borders.insert(L.laneTop[l]); borders.insert(L.laneTop[l] + L.laneHeight[l]) }
        for (e, a, b) in segments(d) where abs(a.y - b.y) < 1e-9 && abs(a.x - b.x) > 12 {
            for y in borders where abs(a.y - y) < 12 { out.append("edge \(e) runs along the lane border at y = \(y)") }
        }
        return out
    }
}
