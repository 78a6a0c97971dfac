import OrgaTestSupport
import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import OrgaSupport

/// Every escaping function against hostile input: markup, quotes, real and escaped
/// line ends, comment and directive markers, control characters, U+0000, U+FFFF, emoji.
final class EscapeTests: XCTestCase {
    static let hostile: [String] = [
        "<script>alert('x')</script>", "a \"b\" 'c'", "line\nbreak", "cr\rlf\r\n", "escaped \\n not a newline",
        "%% comment %%{init: {\"theme\": \"dark\"}}%%", "}%%", "end }", "tab\there", "nul\u{0}byte", "bell\u{7}\u{1B}[31m",
        "del\u{7F}", "\u{FFFF}\u{FFFE}", "emoji 😀👩‍💻", "ls\u{2028}ps\u{2029}", "=1+2", "-x", "@SUM(A1)", "+49",
        "", "&amp; &#x3C;", "]]><!--", "--", "a--b-", "\\N \\G", "x,\u{301}y", "\"\u{301}",
    ]

    // MARK: XML and HTML

    func testXML() {
        XCTAssertEqual(Escape.xmlText("a < b & c > d"), "a &lt; b &amp; c &gt; d")
        XCTAssertEqual(Escape.xmlAttribute("say \"hi\"\nnext\ttab"), "say &quot;hi&quot;&#10;next&#9;tab")
        XCTAssertEqual(Escape.xmlText("a\u{1}b😀"), "a\u{FFFD}b😀")
        XCTAssertEqual(Escape.xmlAttribute("\u{0}"), "\u{FFFD}")
        XCTAssertEqual(Escape.xmlText("\u{FFFF}"), "\u{FFFD}")
        XCTAssertEqual(Escape.xmlText("plain"), "plain")
        XCTAssertEqual(Escape.xmlText("cr\r"), "cr&#13;")
        XCTAssertEqual(Escape.xmlComment("a--b-"), "a- -b- ")
        for s in Self.hostile {
            let doc = "<r a=\"\(Escape.xmlAttribute(s))\"><!--\(Escape.xmlComment(s))-->\(Escape.xmlText(s))</r>"
            XCTAssertNil(xmlError(doc), s)
            // Line ends survive too: CR as a character reference, LF in attributes as well.
            XCTAssertEqual(xmlRoundTrip(doc), [s.replacingXMLForbidden(), s.replacingXMLForbidden()], s)
        }
    }

    func testHTML() {
        XCTAssertEqual(Escape.html("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        XCTAssertEqual(Escape.html("a \"b\" & c"), "a &quot;b&quot; &amp; c")
        XCTAssertEqual(Escape.html("nul\u{0}bell\u{7}del\u{7F}"), "nulbelldel")
        XCTAssertEqual(Escape.html("keep\ttab\nand line"), "keep\ttab\nand line")
        for s in Self.hostile {
            let e = Escape.html(s)
            XCTAssertFalse(e.contains("<") || e.contains(">") || e.contains("\"") || e.contains("'"), s)
            XCTAssertFalse(e.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }, s)
        }
    }

    // MARK: JSON

    func testJSONString() throws {
        XCTAssertEqual(Escape.jsonString("a \"b\" \\ /"), #""a \"b\" \\ /""#)
        XCTAssertEqual(Escape.jsonString("\n\r\t\u{0}\u{1F}"), #""\n\r\t\u0000\u001f""#)
        XCTAssertEqual(Escape.jsonString("ls\u{2028}ps\u{2029}"), #""ls\u2028ps\u2029""#)
        XCTAssertEqual(Escape.jsonString("😀\u{FFFF}"), "\"😀\u{FFFF}\"")
        for s in Self.hostile {
            let parsed = try JSONSerialization.jsonObject(with: Data("[\(Escape.jsonString(s))]".utf8)) as? [String]
            XCTAssertEqual(parsed, [s], s)
        }
    }

    func testJSONValueAndWriterAgree() throws {
        let value = JSONValue.object([
            ("s", .string("<\"x\"\n>")), ("n", .number(12.5)), ("i", .int(-3)), ("big", .number(1e300)), ("nan", .number(.nan)),
            ("z", .number(-0.0)), ("b", .bool(true)), ("null", .null), ("empty", .array([])), ("o", .object([])),
            ("nested", .array([.object([("k", .array([.int(1), .string("😀")]))])])),
        ])
        XCTAssertEqual(value.serialized(),
                       #"{"s":"<\"x\"\n>","n":12.5,"i":-3,"big":1e+300,"nan":null,"z":0,"b":true,"null":null,"empty":[],"o":{},"nested":[{"k":[1,"😀"]}]}"#)
        XCTAssertEqual(value.pretty(), """
            {
              "s": "<\\"x\\"\\n>",
              "n": 12.5,
              "i": -3,
              "big": 1e+300,
              "nan": null,
              "z": 0,
              "b": true,
              "null": null,
              "empty": [],
              "o": {},
              "nested": [
                {
                  "k": [
                    1,
                    "😀"
                  ]
                }
              ]
            }

            """)
        XCTAssertEqual(value.serializedBytes(), Array(value.serialized().utf8))
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(value.pretty().utf8)))
    }

    // MARK: Tables

    func testCSV() {
        XCTAssertEqual(Escape.csv("=1+2", separator: ","), "'=1+2")
        XCTAssertEqual(Escape.csv("+49 30", separator: ","), "'+49 30")
        XCTAssertEqual(Escape.csv("-x", separator: ","), "'-x")
        XCTAssertEqual(Escape.csv("@A1", separator: ","), "'@A1")
        XCTAssertEqual(Escape.csv("\tx", separator: ","), "'\tx")
        XCTAssertEqual(Escape.csv("\rx", separator: ","), "\"'\rx\"")
        XCTAssertEqual(Escape.csv("-1.5", separator: ",", numeric: true), "-1.5")
        XCTAssertEqual(Escape.csv("a;b", separator: ";"), "\"a;b\"")
        XCTAssertEqual(Escape.csv("a,b", separator: ";"), "a,b")
        XCTAssertEqual(Escape.csv("say \"hi\"", separator: ","), "\"say \"\"hi\"\"\"")
        // A CRLF is one Character, and so is a separator or quote with a combining mark;
        // each still breaks a row and must be quoted.
        XCTAssertEqual(Escape.csv("a\r\nb", separator: ","), "\"a\r\nb\"")
        XCTAssertEqual(Escape.csv("x,\u{301}y", separator: ","), "\"x,\u{301}y\"")
        XCTAssertEqual(Escape.csv("\"\u{301}", separator: ";"), "\"\"\"\u{301}\"")
        for s in Self.hostile {
            let cell = Escape.csv(s, separator: ",")
            XCTAssertEqual(parseCSVCell(cell), s.first.map { "=+-@\t\r".unicodeScalars.contains($0.unicodeScalars.first!) } == true ? "'" + s : s, s)
        }
    }

    func testMarkdown() {
        XCTAssertEqual(Escape.markdown("SB_Orga_2022"), "SB_Orga_2022")
        XCTAssertEqual(Escape.markdown("_x_"), "\\_x\\_")
        XCTAssertEqual(Escape.markdown("a\nb"), "a b")
        XCTAssertEqual(Escape.markdown("a | b"), "a \\| b")
        XCTAssertEqual(Escape.markdown("<script>"), "\\<script\\>")
        XCTAssertEqual(Escape.markdown("[l](http://x) *b* `c` # ! ~ &"), "\\[l\\](http://x) \\*b\\* \\`c\\` \\# \\! \\~ \\&")
        for s in Self.hostile {
            let e = Escape.markdown(s)
            XCTAssertFalse(e.contains("\n") || e.contains("\r"), s)
            XCTAssertFalse(e.unicodeScalars.contains { $0.value < 0x20 && $0 != " " }, s)
        }
    }

    func testPlainAndSingleLine() {
        XCTAssertEqual(Escape.plain("a\tb\nc\u{0}"), "a b c ")
        XCTAssertEqual(Escape.singleLine("  a \n\n b\u{2028}c  "), "a b c")
        for s in Self.hostile {
            let one = Escape.singleLine(s)
            XCTAssertFalse(one.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x2028 || $0.value == 0x2029 }, s)
        }
    }

    // MARK: Graph formats

    func testDOT() {
        XCTAssertEqual(Escape.dot("a \"b\" \\N\nc\r\nd"), "a \\\"b\\\" \\\\N\\nc\\nd")
        XCTAssertEqual(Escape.dot("tab\there"), "tab here")
        XCTAssertEqual(Escape.dot("nul\u{0}\u{FFFF}"), "nul  ")
        for s in Self.hostile {
            let e = Escape.dot(s)
            // Inside "…" nothing may end the string: every quote is escaped, and no
            // backslash is left to escape the closing quote.
            XCTAssertFalse(e.unicodeScalars.contains { $0.value < 0x20 }, s)
            var backslashes = 0
            for u in e.unicodeScalars {
                if u == "\"" { XCTAssertEqual(backslashes % 2, 1, s) }
                backslashes = u == "\\" ? backslashes + 1 : 0
            }
            XCTAssertEqual(backslashes % 2, 0, s)
        }
    }

    func testMermaidLabel() {
        let s = Escape.mermaid("a \"b\" <c> & d | e #1; [x]{y}\nz")
        XCTAssertEqual(s, "a #quot;b#quot; #lt;c#gt; #amp; d #124; e #35;1#59; #91;x#93;#123;y#125;<br/>z")
        XCTAssertEqual(Escape.mermaid("cr\r\nlf"), "cr<br/>lf")
        for h in Self.hostile {
            let e = Escape.mermaid(h)
            // Entity codes (`#quot;`) are the only place for `;`.
            let bare = e.replacingOccurrences(of: "#[a-z0-9]+;", with: "", options: .regularExpression)
            for forbidden in ["\"", "{", "}", "[", "]", "|", ";", "`", "\n", "\r"] {
                XCTAssertFalse(bare.contains(forbidden), "\(h) → \(e)")
            }
            XCTAssertFalse(e.replacingOccurrences(of: "<br/>", with: "").contains("<"), h)
        }
    }

    /// Issue 17 item 8: a title in a `%%` comment line must neither end the line nor
    /// form a `%%{…}%%` directive (Mermaid reads those anywhere, before comments).
    func testMermaidComment() {
        XCTAssertEqual(Escape.mermaidComment("Antrag %%{init: {\"theme\": \"dark\"}}%%"), "Antrag % %{init: {\"theme\": \"dark\"}}% %")
        XCTAssertEqual(Escape.mermaidComment("100%"), "100%")
        XCTAssertEqual(Escape.mermaidComment("%%%"), "% % %")
        XCTAssertEqual(Escape.mermaidComment("a\nflowchart LR\nX-->Y"), "a flowchart LR X-->Y")
        XCTAssertEqual(Escape.mermaidComment("a\\nb }"), "a\\nb }")
        for h in Self.hostile {
            let line = "  %% " + Escape.mermaidComment(h)
            XCTAssertFalse(line.dropFirst(4).contains("%%"), h)
            XCTAssertFalse(line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x2028 || $0.value == 0x2029 }, h)
        }
    }

    func testFEELString() {
        XCTAssertEqual(Escape.feelString("a \"b\" \\ c\nd"), #""a \"b\" \\ c d""#)
        for h in Self.hostile {
            let e = Escape.feelString(h)
            XCTAssertTrue(e.hasPrefix("\"") && e.hasSuffix("\""), h)
            var backslashes = 0
            for u in e.unicodeScalars.dropFirst().dropLast() {
                if u == "\"" { XCTAssertEqual(backslashes % 2, 1, h) }
                backslashes = u == "\\" ? backslashes + 1 : 0
            }
            XCTAssertEqual(backslashes % 2, 0, h)
        }
    }

    func testASCIIIdentifiers() {
        XCTAssertEqual(Escape.asciiIdentifier("Stellenbewertung"), "Stellenbewertung")
        let a = Escape.asciiIdentifier("Bürgerbüro"), b = Escape.asciiIdentifier("Buergerbuero")
        XCTAssertNotEqual(a, b)
        XCTAssertTrue(a.hasPrefix("Buergerbuero_"))
        XCTAssertEqual(Escape.asciiIdentifier(""), "_")
        for h in Self.hostile {
            XCTAssertTrue(Escape.asciiIdentifier(h).unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }, h)
        }
        XCTAssertEqual(Escape.hashHex(""), "811c9dc5")
    }
}

// MARK: Helpers

extension String {
    /// What XML escaping makes of characters XML cannot carry.
    func replacingXMLForbidden() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { u in
            (u.value < 0x20 && u != "\t" && u != "\n" && u != "\r") || u.value == 0xFFFE || u.value == 0xFFFF ? "\u{FFFD}" : u
        }))
    }
}

/// The attribute value and the text of `<r a="…">…</r>` as an XML parser reads them.
func xmlRoundTrip(_ text: String) -> [String] {
    final class Reader: NSObject, XMLParserDelegate {
        var attribute = "", content = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            attribute = attributes["a"] ?? ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { content += string }
    }
    let parser = XMLParser(data: Data(text.utf8))
    let reader = Reader()
    parser.delegate = reader
    _ = parser.parse()
    return [reader.attribute, reader.content]
}

/// Reads one CSV cell as a spreadsheet would (RFC 4180 quoting).
func parseCSVCell(_ cell: String) -> String {
    let scalars = Array(cell.unicodeScalars)
    guard scalars.first == "\"", scalars.count >= 2, scalars.last == "\"" else { return cell }
    var out = String.UnicodeScalarView()
    var i = 1
    while i < scalars.count - 1 {
        if scalars[i] == "\"" { i += 1 }   // a doubled quote
        out.append(scalars[i])
        i += 1
    }
    return String(out)
}
