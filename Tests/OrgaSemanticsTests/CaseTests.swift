import Foundation
import XCTest
import OrgaSyntax
import OrgaSemantics
import OrgaTestSupport

/// The inline-expectation case suite: every `.orga` file in `cases/` is a model, every
/// sub-directory a multi-file model. Expected diagnostics are written in the source
/// (`// expect: E301`, `//^ expect: E103` for the line above; the syntax is
/// `InlineExpectations` in OrgaTestSupport). Every diagnostic must be expected and
/// every expectation met; a case without expectations must check clean.
final class CaseTests: XCTestCase {
    static let casesDirectory = TestPaths.tests("OrgaSemanticsTests").appendingPathComponent("cases")

    typealias Expectation = InlineExpectations.Expectation

    /// A case: a name and its files (paths relative to `cases/`).
    struct Case {
        var name: String
        var files: [SourceFile]
    }

    static func loadCases() throws -> [Case] {
        try ModelFiles.caseModels(in: casesDirectory).map { Case(name: $0.name, files: $0.files) }
    }

    static func expectations(in file: SourceFile) throws -> [Expectation] { try InlineExpectations.parse(file) }

    static func parseList(_ s: String, file: String, line: Int) throws -> [(String, String?)] {
        try InlineExpectations.parseList(s, file: file, line: line)
    }

    /// Checks one case; returns a failure report or nil.
    static func run(_ c: Case) throws -> (report: String?, model: CheckedModel) {
        let model = Analyzer.check(trees: c.files.map { Parser.parse($0) })
        let problems = try InlineExpectations.problems(model.diagnostics, in: c.files)
        if problems.isEmpty { return (nil, model) }
        let all = model.diagnostics.map { InlineExpectations.describe($0, in: c.files) }.joined(separator: "\n    ")
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
            .targetShortfall: "needs the staffing calculation (OrgaAnalysis): WhatIfTests.testTargetWithShortfall, CLITests.testCheckReportsTargetShortfall",
            .poolOverCommitted: "needs the pools' capacity day by day (OrgaAnalysis): PoolTests.testOverCommitmentNamesFirstDateAndBothFigures",
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
