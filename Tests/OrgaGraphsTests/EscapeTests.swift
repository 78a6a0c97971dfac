import XCTest
import OrgaSemantics
@testable import OrgaGraphs

final class EscapeTests: XCTestCase {
    func testXML() {
        XCTAssertEqual(Escape.xmlText("a < b & c > d"), "a &lt; b &amp; c &gt; d")
        XCTAssertEqual(Escape.xmlAttribute("say \"hi\"\nnext\ttab"), "say &quot;hi&quot;&#10;next&#9;tab")
        // Control characters XML cannot carry become U+FFFD; emoji stay.
        XCTAssertEqual(Escape.xmlText("a\u{1}b😀"), "a\u{FFFD}b😀")
        XCTAssertEqual(Escape.xmlAttribute("\u{0}"), "\u{FFFD}")
        XCTAssertEqual(Escape.xmlText("plain"), "plain")
    }

    func testDOT() {
        XCTAssertEqual(Escape.dot("a \"b\" \\N\nc\r\nd"), "a \\\"b\\\" \\\\N\\nc\\nd")
        XCTAssertEqual(Escape.dot("tab\there"), "tab here")
    }

    func testMermaid() {
        let s = Escape.mermaid("a \"b\" <c> & d | e #1; [x]{y}\nz")
        XCTAssertFalse(s.contains("\""))
        XCTAssertFalse(s.contains("<c>"))
        XCTAssertFalse(s.contains("|"))
        XCTAssertTrue(s.contains("#quot;b#quot;"))
        XCTAssertTrue(s.hasSuffix("<br/>z"))
    }

    func testASCIIIdentifiers() {
        XCTAssertEqual(Escape.asciiIdentifier("Stellenbewertung"), "Stellenbewertung")
        let a = Escape.asciiIdentifier("Bürgerbüro"), b = Escape.asciiIdentifier("Buergerbuero")
        XCTAssertNotEqual(a, b)
        XCTAssertTrue(a.hasPrefix("Buergerbuero_"))
        XCTAssertTrue(Escape.asciiIdentifier("😀").unicodeScalars.allSatisfy { $0.isASCII })
    }

    func testWrap() {
        let lines = TextMetrics.wrap("Stellenbeschreibung analysieren, Arbeitsplatz begehen", maxWidth: 150, size: 12)
        XCTAssertGreaterThan(lines.count, 1)
        for l in lines { XCTAssertLessThanOrEqual(TextMetrics.width(l, size: 12), 150.01) }
        // A word longer than the line is broken; the line count is capped with an ellipsis.
        let long = TextMetrics.wrap(String(repeating: "x", count: 500), maxWidth: 50, size: 12, maxLines: 3)
        XCTAssertEqual(long.count, 3)
        XCTAssertTrue(long[2].hasSuffix("…"))
        XCTAssertEqual(TextMetrics.wrap("a\nb", maxWidth: 100, size: 12), ["a", "b"])
        XCTAssertEqual(TextMetrics.wrap("", maxWidth: 100, size: 12), [""])
        XCTAssertEqual(TextMetrics.wrap("😀👩‍💻", maxWidth: 0, size: 12, maxLines: 2).count, 2)
    }

    func testNumbers() {
        XCTAssertEqual(Num.fmt(2.5), "2.5")
        XCTAssertEqual(Num.fmt(3.0), "3")
        XCTAssertEqual(Num.fmt(-0.001), "0")
        XCTAssertEqual(Num.fmt(0.125, 3), "0.125")
        XCTAssertEqual(Num.fmt(.nan), "–")
        XCTAssertEqual(Num.coord(12.25), "12.3")
        XCTAssertEqual(Num.coord(-3.5), "-3.5")
        XCTAssertEqual(Num.coord(7), "7")
        XCTAssertEqual(Num.grouped(9516), "9,516")
        XCTAssertEqual(Num.duration(hours: 0.5), "30 min")
        XCTAssertEqual(Num.duration(hours: 1.5), "1.5 h")
        XCTAssertEqual(Num.percent(0.8), "80 %")
    }

    /// Broken flows: unresolved targets, empty decisions, an empty process, a loop that
    /// cannot end. Every format still comes out, well-formed.
    func testBrokenModelsStillDraw() {
        let src = """
            unit U { position P { planned 1 fte } }
            process Empty { owner U }
            process Broken {
              step a { by Nobody; time 5 min; next Missing }
              decide d { }
              decide e { branch "x" 30 % -> nowhere; branch "y" 30 % -> a }
              step f { call Unknown }
              step g { by P; next g }
            }
            """
        let model = modelFrom(src)
        XCTAssertTrue(model.hasErrors)
        for p in model.processes.indices {
            for format in GraphFormat.allCases {
                let text = Graphs.process(model, p, format: format, metrics: GraphMetrics.analyze(model), showMetrics: true)
                XCTAssertFalse(text.isEmpty)
                if format == .svg || format == .bpmn { XCTAssertNil(xmlError(text), "\(model.processes[p].name) \(format)") }
            }
            assertLayoutInvariants(Drawing.make(ProcessGraph.build(model, process: p)))
        }
        XCTAssertNil(xmlError(Graphs.org(model, format: .svg) ?? ""))
        XCTAssertNil(xmlError(Graphs.landscape(model, format: .svg) ?? ""))
        // Out-of-range process index: an empty graph, no trap.
        XCTAssertFalse(Graphs.process(model, 99, format: .svg).isEmpty)
    }

    func testNastyNamesInOrgAndLandscape() {
        let src = """
            model M "Quote \\" <&> \\n 😀" { worktime 1590 h }
            unit U "A \\"unit\\" <x> & y\\nz 😀" {
              position P "Pos <1> & \\"2\\"" { planned 1 fte; filled 1 fte }
              unit V "Sub & sub" { position Q { planned 2 fte } }
            }
            process X "Proc \\"<&>\\"\\n😀" { owner U; volume 10 /year; step a "Step <a>" { by P; time 1 h } }
            """
        let model = modelFrom(src)
        for format in [GraphFormat.dot, .mermaid, .svg] {
            let org = Graphs.org(model, format: format, metrics: GraphMetrics.analyze(model)) ?? ""
            let land = Graphs.landscape(model, format: format, metrics: GraphMetrics.analyze(model)) ?? ""
            if format == .svg {
                XCTAssertNil(xmlError(org))
                XCTAssertNil(xmlError(land))
            }
            if format == .mermaid {
                for text in [org, land] {
                    for line in text.split(separator: "\n") where line.contains("[\"") {
                        // Inside the quotes there is no raw quote, `<` other than <br/>, or `&`.
                        let inner = line.drop { $0 != "\"" }.dropFirst().reversed().drop { $0 != "\"" }.dropFirst().reversed()
                        XCTAssertFalse(String(inner).contains("\""), String(line))
                        XCTAssertFalse(String(inner).replacingOccurrences(of: "<br/>", with: "").contains("<"), String(line))
                    }
                }
            }
        }
    }
}
