import OrgaTestSupport
import XCTest
import OrgaSemantics
@testable import OrgaGraphs
import OrgaSupport

final class EscapeTests: XCTestCase {
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
        for p in model.processes.ids {
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
        XCTAssertFalse(Graphs.process(model, ProcessID(99), format: .svg).isEmpty)
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

    /// Issue 17 item 8: Mermaid repeats titles in `%%` comment lines. No title, with
    /// escaped or real line ends, `%%`, a directive or `}`, may end the comment, add a
    /// line or form a `%%{…}%%` directive (Mermaid reads those anywhere in the file).
    func testMermaidCommentsHoldHostileTitles() {
        // In Orga source: `\"` is a quote, `\n` a line end, `\\n` a backslash and an n.
        let hostile = #"Antrag %%{init: {\"theme\": \"dark\"}}%% \n flowchart LR \n X-->Y } end %% \\n"#
        let src = """
            model M "\(hostile)" { worktime 1590 h }
            unit U "\(hostile)" { position P { planned 1 fte } }
            process X "\(hostile)" { owner U; volume 10 /year; step a "\(hostile)" { by P; time 1 h } }
            """
        let model = modelFrom(src)
        XCTAssertFalse(model.hasErrors)
        let texts = [Graphs.process(model, ProcessID(0), format: .mermaid, metrics: GraphMetrics.analyze(model), showMetrics: true),
                     Graphs.org(model, format: .mermaid) ?? "", Graphs.landscape(model, format: .mermaid) ?? ""]
        for text in texts {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            XCTAssertTrue(lines[0].hasPrefix("flowchart "), lines[0])
            XCTAssertFalse(text.contains("%%{"), text)
            XCTAssertFalse(text.contains("}%%"), text)
            // The comment lines hold the whole title on one line each.
            let comments = lines.filter { $0.hasPrefix("  %%") }
            XCTAssertFalse(comments.isEmpty)
            for c in comments { XCTAssertFalse(c.dropFirst(4).contains("%%"), c) }
            XCTAssertTrue(comments[0].contains("flowchart LR") && comments[0].contains("X-->Y } end"), comments[0])
            // No line outside the comments starts a statement the model did not make.
            for l in lines.dropFirst() where !l.hasPrefix("  %%") {
                XCTAssertFalse(l.trimmingCharacters(in: .whitespaces).hasPrefix("flowchart"), l)
                XCTAssertFalse(l.contains("X-->Y"), l)
            }
        }
    }
}

/// Quotes not preceded by an odd number of backslashes.
private func unescapedQuotes(_ line: Substring) -> Int {
    var count = 0, backslashes = 0
    for u in line.unicodeScalars {
        if u == "\"" && backslashes % 2 == 0 { count += 1 }
        backslashes = u == "\\" ? backslashes + 1 : 0
    }
    return count
}
