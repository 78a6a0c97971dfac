import Foundation
import OrgaTestSupport
import XCTest
import OrgaSyntax
import OrgaSemantics

/// Hostile inputs through the whole pipeline: parse, check, and the text, json, github
/// and sarif printers via `Orgc.run` on temp files. Nothing may crash or hang, every
/// diagnostic range lies in the file, and lines/columns are right.
final class RobustnessTests: XCTestCase {
    override func setUpWithError() throws { try SlowTests.require() }

    /// Structural invariants of a syntax tree that any input must keep (plain checks,
    /// one assertion at the end: the fuzz test calls this thousands of times).
    static func assertTreeInvariants(_ t: SyntaxTree, file: StaticString = #filePath, line: UInt = #line) {
        let nTokens = Int32(t.tokens.count)
        var problems: [String] = []
        if t.tokens.last?.kind != .eof { problems.append("no eof token") }
        for (i, s) in t.statements.enumerated() {
            if !(s.firstToken >= 0 && s.firstToken <= s.lastToken && s.lastToken < nTokens) { problems.append("statement \(i): tokens \(s.firstToken)...\(s.lastToken)") }
            if !(s.keywordToken >= 0 && s.keywordToken < nTokens) { problems.append("statement \(i): keyword token") }
            if !(s.argStart >= 0 && s.argStart + s.argCount <= Int32(t.arguments.count)) { problems.append("statement \(i): arguments") }
            if !(s.childStart >= 0 && s.childStart + s.childCount <= Int32(t.children.count)) { problems.append("statement \(i): children") }
            if s.slotStart >= 0 && s.slotStart + s.slotCount > Int32(t.slots.count) { problems.append("statement \(i): slots") }
            let r = t.range(Int32(i))
            if !(0 <= r.start && r.start <= r.end && r.end <= t.bytes.count) { problems.append("statement \(i): range \(r)") }
        }
        for (i, a) in t.arguments.enumerated() where !(a.firstToken >= 0 && a.firstToken <= a.lastToken && a.lastToken < nTokens) {
            problems.append("argument \(i): tokens")
        }
        for d in t.diagnostics where !(0 <= d.range.start && d.range.start <= d.range.end && d.range.end <= t.bytes.count) {
            problems.append("\(d.code.rawValue) range \(d.range)")
        }
        if t.diagnostics.count > Parser.maxDiagnostics + 1 { problems.append("\(t.diagnostics.count) diagnostics") }
        XCTAssertTrue(problems.isEmpty, "\(t.path): " + problems.prefix(5).joined(separator: "; "), file: file, line: line)
    }

    /// Runs `bytes` as a one-file model through everything; returns the JSON diagnostics.
    /// `limit` guards against hangs and blow-ups (a 10 MB line once took 468 s), not
    /// speed: it is generous because debug builds on a loaded 2-core CI machine are slow.
    /// Speed is measured by the benchmarks in Benchmarks/.
    @discardableResult
    private func runPipeline(_ name: String, _ bytes: [UInt8], formats: [String] = ["text", "json", "github", "sarif"],
                             limit: TimeInterval = 60, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        var timings: [String] = []
        var lap = Date()
        func note(_ what: String) { timings.append("\(what) \(String(format: "%.2f", Date().timeIntervalSince(lap))) s"); lap = Date() }
        let started = Date()
        // In memory: parse and check.
        let tree = Parser.parse(SourceFile(path: "\(name).orga", bytes: bytes))
        note("parse")
        Self.assertTreeInvariants(tree, file: file, line: line)
        let model = Analyzer.check(trees: [tree])
        note("check")
        for d in model.diagnostics {
            XCTAssertTrue(0 <= d.range.start && d.range.start <= d.range.end && d.range.end <= bytes.count, "\(d.code) \(d.range)", file: file, line: line)
        }
        // On disk, through the command and its printers.
        let dir = try TemporaryDirectory.make(name)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("\(name).orga").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var diags: [[String: Any]] = []
        for format in formats {
            let r = OrgcCommand.run(["check", "--format", format, path])
            note("orgc check --format \(format)")
            XCTAssertTrue(r.code == 0 || r.code == 1, "\(name) \(format): exit \(r.code) \(r.err)", file: file, line: line)
            XCTAssertEqual(r.err, "", "\(name) \(format)", file: file, line: line)
            XCTAssertEqual(r.code == 1, model.hasErrors, "\(name) \(format): exit code and errors agree", file: file, line: line)
            switch format {
            case "json":
                diags = try CheckOutput.validateJSONDiagnostics(r.out, files: [path: bytes], file: file, line: line)
                XCTAssertEqual(diags.count, model.diagnostics.count, file: file, line: line)
            case "sarif":
                try CheckOutput.validateSARIF(r.out, file: file, line: line)
            case "github":
                XCTAssertEqual(r.out.split(separator: "\n").count, model.diagnostics.count, "one annotation per line", file: file, line: line)
            default:
                let last = r.out.split(separator: "\n").last.map(String.init) ?? ""
                XCTAssertTrue(last == "keine Probleme gefunden" || last.hasSuffix(" Warnungen") || last.hasSuffix(" Warnung"), "\(name): \(last)", file: file, line: line)
                XCTAssertLessThan(r.out.utf8.count, 2_000_000, "\(name): text output stays readable (long lines are windowed)", file: file, line: line)
            }
        }
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertLessThan(elapsed, limit, "\(name) took \(elapsed) s: " + timings.joined(separator: ", "), file: file, line: line)
        return diags
    }

    private func codes(_ diags: [[String: Any]]) -> [String] { diags.compactMap { $0["code"] as? String } }

    // MARK: Inputs

    func testEmptyFile() throws {
        XCTAssertEqual(try runPipeline("empty", []).count, 0)
    }

    func testOnlyComments() throws {
        let text = "// line\n/// doc without declaration\n/* block /* nested */ */\r\n//// four\n"
        XCTAssertEqual(try runPipeline("comments", Array(text.utf8)).count, 0)
        XCTAssertEqual(try runPipeline("bom", [0xEF, 0xBB, 0xBF]).count, 0)
    }

    func testHundredThousandOpeningBraces() throws {
        let d = try runPipeline("open", Array(repeating: UInt8(ascii: "{"), count: 100_000))
        XCTAssertEqual(codes(d), ["E110"])
    }

    func testHundredThousandClosingBraces() throws {
        let d = try runPipeline("close", Array(repeating: UInt8(ascii: "}"), count: 100_000))
        XCTAssertEqual(d.count, Parser.maxDiagnostics + 1)
        XCTAssertEqual(codes(d).last, "W121")
        XCTAssertEqual(Set(codes(d).dropLast()), ["E119"])
        // The 500th `}` is at column 500 of line 1.
        XCTAssertEqual(d[499]["column"] as? Int, 500)
    }

    func testTenMegabyteLines() throws {
        // One string literal of 10 MB, never closed.
        var bytes = Array("unit A \"".utf8)
        bytes += Array(repeating: UInt8(ascii: "x"), count: 10 * 1024 * 1024)
        var d = try runPipeline("long_string", bytes)
        XCTAssertEqual(codes(d), ["E103"])
        // 10 MB of long names with an error every 20 kB: the errors lie far along one
        // line (columns, and the text output's window of a long line).
        var line = [UInt8]()
        let chunk = Array(String(repeating: String(repeating: "ä", count: 49) + "b ", count: 200).utf8) + Array("# ".utf8)
        while line.count < 10 * 1024 * 1024 { line += chunk }
        bytes = Array("unit A ".utf8) + line + [0x0A]
        d = try runPipeline("long_tokens", bytes, formats: ["json", "text"])
        XCTAssertTrue(codes(d).contains("E101"))
        XCTAssertTrue(codes(d).contains("E114"))
    }

    func testOneMegabyteOfPseudoRandomBytes() throws {
        var rng = SeededRandom(for: self, default: 0xC0FFEE)
        for k in 0..<2 {
            let d = try runPipeline("random\(k)", rng.bytes(1024 * 1024))
            XCTAssertFalse(d.isEmpty)
        }
    }

    func testTenThousandNestedUnits() throws {
        var text = ""
        for i in 0..<10_000 { text += "unit U\(i) {\n" }
        text += String(repeating: "}\n", count: 10_000)
        let d = try runPipeline("nested", Array(text.utf8))
        XCTAssertEqual(codes(d), ["E120"])
        XCTAssertEqual(d.first?["line"] as? Int, Parser.maxDepth + 1)
    }

    func testTenThousandUnterminatedBlockComments() throws {
        let d = try runPipeline("comments_open", Array(String(repeating: "/*", count: 10_000).utf8))
        XCTAssertEqual(codes(d), ["E105"])
    }

    func testFileOfNULs() throws {
        let d = try runPipeline("nuls", Array(repeating: 0, count: 1024 * 1024))
        XCTAssertEqual(codes(d), ["E101"])   // one run of NULs, one error (no E110 cascade)
        let mixed = Array("unit A\0 {\0}\0\n\0unit B".utf8)
        try runPipeline("nuls_mixed", mixed)
    }

    func testManyCommasAndMixedLineEnds() throws {
        try runPipeline("commas", Array(("unit A " + String(repeating: ", ", count: 200_000)).utf8))
        // Lines ending in LF, CRLF and lone CR, with errors on each: lines must be right.
        var text = ""
        for i in 0..<3_000 { text += "unit U\(i) { kind \(i) }" + ["\n", "\r\n", "\r"][i % 3] }
        let d = try runPipeline("line_ends", Array(text.utf8))
        XCTAssertEqual(d.count, Parser.maxDiagnostics + 1)
        XCTAssertEqual(d[0]["line"] as? Int, 1)
        XCTAssertEqual(d[1]["line"] as? Int, 2)
        XCTAssertEqual(d[2]["line"] as? Int, 3)
        XCTAssertEqual(d[499]["line"] as? Int, 500)
    }

    func testDeepRecursionInEveryLayer() throws {
        // Nested processes, steps and decisions beyond the limit, and a long call chain.
        var text = "model M { year 2024; worktime 1590 h }\nunit A { position P { planned 1 fte } }\n"
        for i in 0..<2_000 { text += "process P\(i) { owner A; step S { call P\(i + 1) } }\n" }
        text += "process P2000 { owner A; volume 1 /year; step S { by P; time 1 min } }\n"
        text += "process Loop { owner A; volume 1 /year; " + String(repeating: "step S { next S }; ", count: 1) + "}\n"
        let d = try runPipeline("chain", Array(text.utf8), formats: ["json"])
        XCTAssertTrue(codes(d).contains("E504"), "P0 calls but has no volume and no caller")
    }
}
