import Foundation
import OrgaFormat
import OrgaSyntax
import OrgaTestSupport
import XCTest

final class APITests: XCTestCase {
    private func fmt(_ s: String) -> String? { Formatter.format(source: s, path: "t.orga") }

    func testRefusesFilesWithErrors() {
        let broken = [
            "unit A { kind \"a\" ",                 // unclosed block
            "unit A { kind \"unterminated }\n",      // unterminated string
            "unti A\n",                              // unknown keyword
            "process P { step S { time 5 fte } }\n", // dimension mismatch
            "unit A /* never closed\n",
            "}\n",
        ]
        for s in broken {
            let r = Formatter.format(Parser.parse(path: "t.orga", text: s))
            XCTAssertEqual(r.outcome, .syntaxErrors, s)
            XCTAssertNil(r.bytes, s)
            XCTAssertNil(r.text, s)
            XCTAssertFalse(r.changed, s)
            XCTAssertFalse(r.diagnostics.isEmpty, s)
            XCTAssertTrue(r.diagnostics.allSatisfy { $0.severity == .error }, s)
            XCTAssertNil(fmt(s), s)
            XCTAssertNil(Formatter.wouldChange(Parser.parse(path: "t.orga", text: s)), s)
        }
    }

    func testNestingBeyondTheLimitIsRefused() {
        let depth = Parser.maxDepth + 2
        let s = String(repeating: "unit U {\n", count: depth) + String(repeating: "}\n", count: depth)
        XCTAssertNil(fmt(s))
    }

    func testBasicLayout() {
        XCTAssertEqual(fmt("unit A{kind \"x\";code \"1\"}"), "unit A { kind \"x\"; code \"1\" }\n")
        XCTAssertEqual(fmt("process P {\nstep S{by SB;time 45min}\n}"), "process P {\n  step S { by SB; time 45 min }\n}\n")
        XCTAssertEqual(fmt("unit A {\nkind \"x\"\n}\n\n\n\n"), "unit A {\n  kind \"x\"\n}\n")
    }

    func testSpacingOfArguments() {
        let cases: [(String, String)] = [
            ("process P { volume 1_200/year }", "process P { volume 1_200 /year }"),
            ("position P { effort \"x\" 80h/ year }", "position P { effort \"x\" 80 h /year }"),
            ("model M { allowance 10% }", "model M { allowance 10 % }"),
            ("grade G { cost 1€ }", "grade G { cost 1 € }"),
            ("process P { decide D { branch \"a\" 100%->X } }", "process P {\n  decide D { branch \"a\" 100 % -> X }\n}"),
            ("dna { criterion c { scale 0 .. 4 } }", "dna {\n  criterion c { scale 0..4 }\n}"),
            ("measure M { change A . B time -50 % }", "measure M { change A.B time -50 % }"),
            ("target T { across A ,B,C }", "target T { across A, B, C }"),
            ("scenario S { change P volume + 10 % }", "scenario S { change P volume +10 % }"),
            ("position P { freeze  until   2022-03-02 }", "position P { freeze until 2022-03-02 }"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(fmt(input), expected + "\n", input)
        }
    }

    func testNumbersAndStringsAreVerbatim() {
        XCTAssertEqual(fmt("grade G { cost 1200 EUR }"), "grade G { cost 1200 EUR }\n")
        XCTAssertEqual(fmt("grade G { cost 1_200.50 EUR }"), "grade G { cost 1_200.50 EUR }\n")
        XCTAssertEqual(fmt("unit U  \"a  b\\t\\u{e4}\" {}"), "unit U \"a  b\\t\\u{e4}\" {}\n")
    }

    func testLineEndings() {
        XCTAssertEqual(fmt("unit A {\r\n  kind \"x\"\r\n}\r\n"), "unit A {\n  kind \"x\"\n}\n")
        XCTAssertEqual(fmt("unit A {\r  kind \"x\"\r}"), "unit A {\n  kind \"x\"\n}\n")
        XCTAssertEqual(fmt("/* a\r\n b */\r\nunit A"), "/* a\n b */\nunit A\n")
    }

    func testByteOrderMarkIsKept() throws {
        let input: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("unit A  {}".utf8)
        let r = Formatter.format(bytes: input, path: "bom.orga")
        XCTAssertEqual(r.bytes, [0xEF, 0xBB, 0xBF] + Array("unit A {}\n".utf8))
        XCTAssertEqual(Formatter.format(bytes: [0xEF, 0xBB, 0xBF], path: "bom.orga").bytes, [0xEF, 0xBB, 0xBF])
    }

    func testEmptyAndBlankFiles() {
        XCTAssertEqual(fmt(""), "")
        XCTAssertEqual(fmt("\n\n  \n"), "")
        XCTAssertEqual(fmt("// c"), "// c\n")
        XCTAssertEqual(fmt("// c   \t"), "// c\n")
    }

    func testResultReportsChange() {
        let canonical = Formatter.format(Parser.parse(path: "t.orga", text: "unit A {}\n"))
        XCTAssertEqual(canonical.outcome, .formatted)
        XCTAssertFalse(canonical.changed)
        XCTAssertEqual(canonical.text, "unit A {}\n")
        XCTAssertEqual(Formatter.wouldChange(Parser.parse(path: "t.orga", text: "unit A {}\n")), false)
        XCTAssertEqual(Formatter.wouldChange(Parser.parse(path: "t.orga", text: "unit A{}")), true)
    }

    // MARK: Files

    func testFormatFileRewritesAtomicallyAndKeepsPermissions() throws {
        let dir = try makeTemporaryDirectory()
        let file = dir.appendingPathComponent("m.orga")
        try Data("unit A{kind \"x\"}".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)

        let check = try Formatter.wouldChange(atPath: file.path)
        XCTAssertTrue(check.changed)
        XCTAssertTrue(check.diagnostics.isEmpty)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "unit A{kind \"x\"}", "--check must not write")

        let first = try Formatter.formatFile(atPath: file.path)
        XCTAssertTrue(first.changed)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "unit A { kind \"x\" }\n")
        let perms = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
        XCTAssertEqual(perms?.intValue, 0o640)

        let second = try Formatter.formatFile(atPath: file.path)
        XCTAssertFalse(second.changed)
        XCTAssertFalse(try Formatter.wouldChange(atPath: file.path).changed)
        // No temporary files are left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["m.orga"])
    }

    func testFormatFileLeavesFilesWithErrorsUntouched() throws {
        let dir = try makeTemporaryDirectory()
        let file = dir.appendingPathComponent("bad.orga")
        let text = "unit A{ kind \"x\"\nunti B\n"
        try Data(text.utf8).write(to: file)
        let r = try Formatter.formatFile(atPath: file.path)
        XCTAssertFalse(r.changed)
        XCTAssertFalse(r.diagnostics.isEmpty)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), text)
        let c = try Formatter.wouldChange(atPath: file.path)
        XCTAssertFalse(c.changed)
        XCTAssertFalse(c.diagnostics.isEmpty)
    }

    func testFormatFileFollowsSymlinks() throws {
        let dir = try makeTemporaryDirectory()
        let target = dir.appendingPathComponent("real.orga")
        let link = dir.appendingPathComponent("link.orga")
        try Data("unit A{}".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        XCTAssertTrue(try Formatter.formatFile(atPath: link.path).changed)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "unit A {}\n")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), target.path)
    }

    func testMissingFileThrows() {
        XCTAssertThrowsError(try Formatter.formatFile(atPath: "/nonexistent/dir/x.orga"))
        XCTAssertThrowsError(try Formatter.wouldChange(atPath: "/nonexistent/dir/x.orga"))
    }
}
