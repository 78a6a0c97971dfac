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

    /// Names with quotes, `<`, `>`, `&`, a line break and an emoji in the org chart and
    /// the landscape: in DOT, Mermaid and SVG every one of them comes out, escaped for
    /// that format, and none breaks the syntax around it.
    func testNastyNamesInOrgAndLandscape() throws {
        let src = """
            model M "Quote \\" <&> \\n 😀" { worktime 1590 h }
            unit U "A \\"unit\\" <x> & y\\nz 😀" {
              position P "Pos <1> & \\"2\\"" { planned 1 fte; filled 1 fte }
              unit V "Sub & sub" { position Q { planned 2 fte } }
            }
            process X "Proc \\"<&>\\"\\n😀" { owner U; volume 10 /year; step a "Step <a>" { by P; time 1 h } }
            """
        let model = modelFrom(src)
        XCTAssertFalse(model.hasErrors)
        let metrics = GraphMetrics.analyze(model)
        // What each drawing must show, as written (before escaping).
        let expected: [(drawing: String, names: [String])] = [
            ("org", ["A \"unit\" <x> & y", "Pos <1> & \"2\"", "Sub & sub", "😀"]),
            ("landscape", ["A \"unit\" <x> & y", "Proc \"<&>\"", "😀"]),
        ]
        for (drawing, names) in expected {
            for format in [GraphFormat.dot, .mermaid, .svg] {
                let text = try XCTUnwrap(drawing == "org" ? Graphs.org(model, format: format, metrics: metrics)
                                                          : Graphs.landscape(model, format: format, metrics: metrics))
                let label = "\(drawing) \(format)"
                switch format {
                case .svg:
                    // Well-formed, and the parsed text holds every name unchanged.
                    XCTAssertNil(xmlError(text), label)
                    let parsed = try XCTUnwrap(xmlCharacterData(text), label)
                    for name in names { XCTAssertTrue(parsed.contains(name), "\(label): \(name) missing") }
                case .dot:
                    // Quotes and backslashes escaped, line breaks as `\n`: every line's
                    // unescaped quotes pair up, and the names appear escaped.
                    for line in text.split(separator: "\n") {
                        XCTAssertEqual(unescapedQuotes(line) % 2, 0, "\(label): unbalanced quotes in `\(line)`")
                    }
                    for name in names {
                        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                        XCTAssertTrue(text.contains(escaped), "\(label): \(escaped) missing")
                    }
                default:
                    // Inside a label's quotes: no raw quote, `&`, bracket, or `<` other
                    // than <br/>; the names appear as Mermaid entities.
                    var labels = 0
                    for line in text.split(separator: "\n") where line.contains("[\"") {
                        labels += 1
                        let inner = String(line.drop { $0 != "\"" }.dropFirst().reversed().drop { $0 != "\"" }.dropFirst().reversed())
                        XCTAssertFalse(inner.contains("\""), String(line))
                        XCTAssertFalse(inner.contains("&"), String(line))
                        XCTAssertFalse(inner.contains("[") || inner.contains("]"), String(line))
                        XCTAssertFalse(inner.replacingOccurrences(of: "<br/>", with: "").contains("<"), String(line))
                    }
                    XCTAssertEqual(labels, 2, "\(label): one label per unit (org), per unit and process (landscape)")
                    for name in names {
                        let escaped = name.replacingOccurrences(of: "&", with: "#amp;").replacingOccurrences(of: "\"", with: "#quot;")
                            .replacingOccurrences(of: "<", with: "#lt;").replacingOccurrences(of: ">", with: "#gt;")
                        XCTAssertTrue(text.contains(escaped), "\(label): \(escaped) missing")
                    }
                }
            }
        }
    }

    /// `"` not preceded by an escaping backslash.
    private func unescapedQuotes(_ line: Substring) -> Int {
        var count = 0, escaped = false
        for c in line {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true } else if c == "\"" { count += 1 }
        }
        return count
    }
}
