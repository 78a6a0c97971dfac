import Foundation
import OrgaFormat
import OrgaSyntax
import OrgaTestSupport
import XCTest

/// The hard properties on every `.orga` file of the project (fuzzed variants:
/// OrgaSlowTests/FormatFuzzTests):
/// never loses anything, idempotent, output re-parses without new diagnostics.
final class PropertyTests: XCTestCase {
    /// Samples, golden inputs and outputs, grammar fixtures: all that parse cleanly.
    func testCorpusFormatsLosslesslyAndIdempotently() throws {
        let files = ModelFiles.corpus()
        XCTAssertGreaterThan(files.count, 0)
        var clean = 0
        for url in files {
            let bytes = try XCTUnwrap(ModelFiles.bytes(url))
            let name = url.path.replacingOccurrences(of: TestPaths.repositoryRoot.path + "/", with: "")
            if FormatterProperties.assertProperties(bytes, name) != nil { clean += 1 }
        }
        XCTAssertGreaterThan(clean, 0, "no error-free file in the corpus")
    }

    /// Samples (written by hand in the Orga language) must all be formattable.
    func testSamplesAreFormattable() throws {
        let samples = ModelFiles.orgaFiles(under: TestPaths.samples)
        for url in samples {
            let bytes = try XCTUnwrap(ModelFiles.bytes(url))
            let r = Formatter.format(FormatterProperties.parse(bytes, url.path))
            XCTAssertEqual(r.outcome, .formatted, "\(url.lastPathComponent): \(r.diagnostics.map(\.message)) \(r.message ?? "")")
        }
    }

    /// Deep nesting up to the parser's limit formats without trouble.
    func testDeepNesting() {
        let depth = 200
        var s = ""
        for i in 0..<depth { s += "unit U\(i) {\n" }
        s += "kind \"x\"\n"
        for _ in 0..<depth { s += "}\n" }
        let out = FormatterProperties.assertProperties(Array(s.utf8), "deep")
        XCTAssertNotNil(out)
    }
}
