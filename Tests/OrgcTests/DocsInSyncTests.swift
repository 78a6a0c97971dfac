import OrgaTestSupport
import XCTest
@testable import OrgaCLI
import OrgaSyntax

/// The reference docs and the grammar's keyword list are generated from the keyword
/// table and the diagnostic catalogue; these tests keep the committed files in step.
/// Refresh with `UPDATE_GOLDEN=1 swift test --filter DocsInSyncTests`.
final class DocsInSyncTests: XCTestCase {
    let root = TestPaths.repositoryRoot

    /// `relative` is out of date when it differs: run `orgc docs …` or `UPDATE_GOLDEN=1`.
    private func assertFile(_ relative: String, equals generated: String, file: StaticString = #filePath, line: UInt = #line) throws {
        GoldenFile.assertMatches(generated, root.appendingPathComponent(relative), file: file, line: line)
    }

    func testReferenceIsGeneratedFromKeywordTable() throws {
        try assertFile("docs/reference.md", equals: DocsCommand.reference())
    }

    func testDiagnosticsDocIsGeneratedFromCatalogue() throws {
        try assertFile("docs/diagnostics.md", equals: DocsCommand.diagnostics())
    }

    func testGrammarKeywordListMatchesKeywordTable() throws {
        let listed = try String(contentsOf: root.appendingPathComponent("Grammar/keywords.txt"), encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        XCTAssertEqual(Set(listed), Set(Keywords.words), "Grammar/keywords.txt and Keywords.all disagree")
    }

    func testEveryCodeHasAnExplanation() {
        for c in DiagnosticCode.allCases {
            XCTAssertFalse(c.explanation.isEmpty, "\(c.rawValue) has no explanation")
            XCTAssertNotEqual(c.title, c.rawValue, "\(c.rawValue) has no title")
        }
    }
}
