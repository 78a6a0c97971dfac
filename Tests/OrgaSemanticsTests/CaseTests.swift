import Foundation
import XCTest
import OrgaSyntax
import OrgaSemantics

/// The inline-expectation case suite: every `.orga` file in `cases/` is a model, every
/// sub-directory a multi-file model. Expected diagnostics are written in the source:
///
///     step S { by SB; time 5 fte }          // expect: E201
///     unit X { in Amt } // expect: E301("did you mean `Amt1`"), W408
///     unit A "not closed
///     //^ expect: E103
///
/// `// expect: CODE, CODE("substring") …` at the end of a line means a diagnostic with
/// that code starts on this line (the substring, if given, must occur in its message);
/// a line that is only `//^ expect: …` says the same of the line above. Codes count:
/// `E106, E106` means two. Every diagnostic must be expected and every expectation met;
/// a case without expectations must check clean.
final class CaseTests: XCTestCase {
    static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("cases")

    /// One expected diagnostic.
    struct Expectation: Hashable, CustomStringConvertible {
        var file: String
        var line: Int            // 1-based
        var code: String
        var substring: String?
        var description: String { "\(file):\(line): \(code)" + (substring.map { "(\"\($0)\")" } ?? "") }
    }

    /// A case: a name and its files (paths relative to `cases/`).
    struct Case {
        var name: String
        var files: [SourceFile]
    }

    // MARK: Loading

    static func loadCases() throws -> [Case] {
        let fm = FileManager.default
        let entries = try fm.contentsOfDirectory(atPath: casesDirectory.path).sorted()
        var cases: [Case] = []
        for e in entries where !e.hasPrefix(".") {
            let url = casesDirectory.appendingPathComponent(e)
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: url.path, isDirectory: &isDir)
            if isDir.boolValue {
                var files: [SourceFile] = []
                let enumerator = fm.enumerator(atPath: url.path)
                var rels: [String] = []
                while let rel = enumerator?.nextObject() as? String {
                    if rel.hasSuffix(".orga") { rels.append(rel) }
                }
                for rel in rels.sorted() {
                    let bytes = try [UInt8](Data(contentsOf: url.appendingPathComponent(rel)))
                    files.append(SourceFile(path: e + "/" + rel, bytes: bytes))
                }
                cases.append(Case(name: e + "/", files: files))
            } else if e.hasSuffix(".orga") {
                let bytes = try [UInt8](Data(contentsOf: url))
                cases.append(Case(name: e, files: [SourceFile(path: e, bytes: bytes)]))
            }
        }
        return cases
    }

    // MARK: Expectations

    /// Parses the expectations written in a file's comments.
    static func expectations(in file: SourceFile) throws -> [Expectation] {
        var result: [Expectation] = []
        var lastCodeLine = 0   // 1-based number of the last line that is not a `//^` line
        for l in 0..<file.lineCount {
            let text = file.lineText(l)
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//^ expect:") {
                let list = String(trimmed.dropFirst("//^ expect:".count))
                for (code, sub) in try parseList(list, file: file.path, line: l + 1) {
                    result.append(Expectation(file: file.path, line: lastCodeLine, code: code, substring: sub))
                }
                continue
            }
            lastCodeLine = l + 1
            if let r = text.range(of: "// expect:") {
                let list = String(text[r.upperBound...])
                for (code, sub) in try parseList(list, file: file.path, line: l + 1) {
                    result.append(Expectation(file: file.path, line: l + 1, code: code, substring: sub))
                }
            }
        }
        return result
    }

    struct ExpectationSyntaxError: Error, CustomStringConvertible {
        var description: String
    }

    /// `E301, W408("text with \"quotes\"")` → [(code, substring?)].
    static func parseList(_ s: String, file: String, line: Int) throws -> [(String, String?)] {
        let chars = Array(s.unicodeScalars)
        var i = 0
        var out: [(String, String?)] = []
        func fail(_ why: String) -> ExpectationSyntaxError {
            ExpectationSyntaxError(description: "\(file):\(line): bad expectation (\(why)): \(s)")
        }
        func skipSpaces() { while i < chars.count && (chars[i] == " " || chars[i] == "\t") { i += 1 } }
        while true {
            skipSpaces()
            guard i + 4 <= chars.count else { throw fail("expected a code") }
            let code = String(String.UnicodeScalarView(chars[i..<i + 4]))
            guard code.range(of: "^[EW][0-9]{3}$", options: .regularExpression) != nil else { throw fail("`\(code)` is not a code") }
            guard DiagnosticCode(rawValue: code) != nil else { throw fail("`\(code)` is not in the catalogue") }
            i += 4
            var sub: String? = nil
            if i < chars.count && chars[i] == "(" {
                i += 1
                guard i < chars.count && chars[i] == "\"" else { throw fail("expected `\"` after `(`") }
                i += 1
                var text = String.UnicodeScalarView()
                while i < chars.count && chars[i] != "\"" {
                    if chars[i] == "\\" && i + 1 < chars.count { i += 1 }
                    text.append(chars[i])
                    i += 1
                }
                guard i + 1 < chars.count && chars[i] == "\"" && chars[i + 1] == ")" else { throw fail("unterminated message") }
                i += 2
                sub = String(text)
            }
            out.append((code, sub))
            skipSpaces()
            if i >= chars.count { return out }
            guard chars[i] == "," else { throw fail("expected `,`") }
            i += 1
        }
    }

    // MARK: Running

    /// Checks one case; returns a failure report or nil.
    static func run(_ c: Case) throws -> (report: String?, model: CheckedModel) {
        let trees = c.files.map { Parser.parse($0) }
        let model = Analyzer.check(trees: trees)
        let sources = Dictionary(uniqueKeysWithValues: c.files.map { ($0.path, $0) })
        var problems: [String] = []

        // Ranges are valid and in a file of the case.
        for d in model.diagnostics {
            guard let f = sources[d.path] else { problems.append("diagnostic in unknown file \(d.path): \(d.code.rawValue)"); continue }
            if !(0 <= d.range.start && d.range.start <= d.range.end && d.range.end <= f.bytes.count) {
                problems.append("invalid range \(d.range.start)..<\(d.range.end) (file has \(f.bytes.count) bytes): \(d.code.rawValue) \(d.message)")
            }
        }

        var expected: [Expectation] = []
        for f in c.files { expected += try expectations(in: f) }

        func key(_ e: Expectation) -> String { "\(e.file):\(e.line): \(e.code)" }
        func describe(_ d: Diagnostic) -> String {
            let f = sources[d.path]
            let line = (f?.line(of: d.range.start) ?? 0) + 1
            let col = (f?.characterColumn(of: d.range.start) ?? 0) + 1
            return "\(d.path):\(line):\(col): \(d.code.rawValue) \(d.message)"
        }
        // Multiset comparison by (file, line, code).
        var actualByKey: [String: [Diagnostic]] = [:]
        for d in model.diagnostics {
            let line = (sources[d.path]?.line(of: d.range.start) ?? -1) + 1
            actualByKey["\(d.path):\(line): \(d.code.rawValue)", default: []].append(d)
        }
        var expectedByKey: [String: [Expectation]] = [:]
        for e in expected { expectedByKey[key(e), default: []].append(e) }

        var missing: [String] = []
        var unexpected: [String] = []
        for k in Set(actualByKey.keys).union(expectedByKey.keys).sorted() {
            let actual = actualByKey[k] ?? []
            let exp = expectedByKey[k] ?? []
            if exp.count > actual.count {
                missing += exp.dropFirst(actual.count).map { $0.description }
            } else if actual.count > exp.count {
                unexpected += actual.dropFirst(exp.count).map(describe)
            }
            // Message substrings: each must occur in some diagnostic with this key.
            for e in exp {
                guard let sub = e.substring, !actual.isEmpty else { continue }
                if !actual.contains(where: { $0.message.contains(sub) }) {
                    problems.append("\(e.description): no message contains the text; actual: " + actual.map { "\"\($0.message)\"" }.joined(separator: " | "))
                }
            }
        }
        if !missing.isEmpty { problems.append("missing (expected but not reported):\n    " + missing.joined(separator: "\n    ")) }
        if !unexpected.isEmpty { problems.append("unexpected (reported but not expected):\n    " + unexpected.joined(separator: "\n    ")) }
        if problems.isEmpty { return (nil, model) }
        let all = model.diagnostics.map(describe).joined(separator: "\n    ")
        return ("case \(c.name):\n  " + problems.joined(separator: "\n  ") + "\n  all diagnostics:\n    " + all, model)
    }

    // MARK: Tests

    func testCases() throws {
        let cases = try Self.loadCases()
        XCTAssertGreaterThan(cases.count, 20, "the case suite is missing")
        for c in cases {
            let (report, _) = try Self.run(c)
            if let report { XCTFail(report) }
        }
    }

    /// Every code orgc can produce appears in at least one case. Codes tested elsewhere
    /// or never emitted are listed with the reason.
    func testEveryProducibleCodeHasACase() throws {
        let elsewhere: [DiagnosticCode: String] = [
            .tooManyErrors: "needs > 500 errors in one file: ParserTests.testTooManyErrorsAreSummarised",
        ]
        var covered = Set<String>()
        for c in try Self.loadCases() {
            for f in c.files { for e in try Self.expectations(in: f) { covered.insert(e.code) } }
        }
        for code in DiagnosticCode.allCases where elsewhere[code] == nil {
            XCTAssertTrue(covered.contains(code.rawValue), "no case in cases/ expects \(code.rawValue) (\(code.title))")
        }
    }

    /// The harness itself: the expectation syntax.
    func testExpectationSyntax() throws {
        let f = SourceFile(path: "t.orga", text: """
            unit A // expect: E301, W408("did you mean `SB_Orga`"), E201("a \\"quoted\\" text")
            unit "x
            //^ expect: E103
            //^ expect: E110
            unit B
            """)
        let e = try Self.expectations(in: f)
        XCTAssertEqual(e.map(\.description), [
            "t.orga:1: E301", "t.orga:1: W408(\"did you mean `SB_Orga`\")", "t.orga:1: E201(\"a \"quoted\" text\")",
            "t.orga:2: E103", "t.orga:2: E110",
        ])
        XCTAssertThrowsError(try Self.parseList(" E9999", file: "t", line: 1))
        XCTAssertThrowsError(try Self.parseList(" E301 W408", file: "t", line: 1))
        XCTAssertThrowsError(try Self.parseList(" E301(\"open", file: "t", line: 1))
        XCTAssertThrowsError(try Self.parseList(" E999", file: "t", line: 1), "not in the catalogue")
    }

    /// The harness reports both directions of a mismatch, with message text.
    func testHarnessReportsMissingAndUnexpected() throws {
        let c = Case(name: "inline", files: [SourceFile(path: "x.orga", text: """
            unit A { bogus 1 }
            unit B // expect: E303
            """)])
        let (report, _) = try Self.run(c)
        let r = try XCTUnwrap(report)
        XCTAssertTrue(r.contains("missing"), r)
        XCTAssertTrue(r.contains("x.orga:2: E303"), r)
        XCTAssertTrue(r.contains("unexpected"), r)
        XCTAssertTrue(r.contains("x.orga:1:10: E111 unknown keyword `bogus`"), r)
    }
}
