import XCTest
@testable import OrgaCLI
import OrgaSyntax

/// The reference docs and the grammar's keyword list are generated from the keyword
/// table and the diagnostic catalogue; these tests keep the committed files in step.
/// Refresh with `UPDATE_GOLDEN=1 swift test --filter DocsInSyncTests`.
final class DocsInSyncTests: XCTestCase {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func assertFile(_ relative: String, equals generated: String) throws {
        let url = root.appendingPathComponent(relative)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(committed, generated, "\(relative) is out of date: run `orgc docs …` or UPDATE_GOLDEN=1 swift test --filter DocsInSyncTests")
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
