import XCTest
import Foundation
import OrgaTestSupport
import OrgaSyntax

/// The keyword table is the one place a keyword's word is written (issue "typed
/// keywords"): code elsewhere compares typed keywords (`Keyword`, `ChangeWord`,
/// `MeasuredCriterion`, `TimeSource`), never `case "volume":` or `== "time"`.
final class KeywordLiteralTests: XCTestCase {
    /// Files that are the table, or write words for another vocabulary.
    static let tableFiles: Set<String> = ["Keywords.swift", "Keyword.swift", "ChangeWord.swift", "KeywordLookup.swift"]

    func testNoKeywordWordIsComparedAsAStringOutsideTheTable() throws {
        var words = Set(Keyword.allCases.map(\.rawValue))
        words.formUnion(ChangeWord.allCases.map(\.rawValue))
        words.formUnion(MeasuredCriterion.allCases.map(\.rawValue))
        words.formUnion(TimeSource.allCases.map(\.rawValue))
        let pattern = try NSRegularExpression(pattern: #"(case|==|!=)\s*"([a-z_]+)""#)
        let sources = TestPaths.repositoryRoot.appendingPathComponent("Sources")
        var found: [String] = []
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted() ?? []
        XCTAssertGreaterThan(files.count, 50)
        for file in files where !Self.tableFiles.contains((file as NSString).lastPathComponent) {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let l = String(line)
                // Command-line option values are another vocabulary.
                if l.contains("reader.value(") { continue }
                for m in pattern.matches(in: l, range: NSRange(l.startIndex..., in: l)) {
                    guard let r = Range(m.range(at: 2), in: l), words.contains(String(l[r])) else { continue }
                    if l.contains("case \"fte\": return \"VZÄ\"") { continue }   // DiffText.unitName: a unit
                    found.append("\(file):\(n + 1): \(l.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        XCTAssertEqual(found, [], "compare typed keywords instead of their words:\n" + found.joined(separator: "\n"))
    }
}
