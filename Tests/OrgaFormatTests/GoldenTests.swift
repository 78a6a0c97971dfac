import Foundation
import OrgaFormat
import OrgaSyntax
import OrgaTestSupport
import XCTest

/// Tests as data: `cases/NAME.orga` is formatted and compared with
/// `cases/NAME.formatted.orga`. Run with `UPDATE_GOLDEN=1` to rewrite the expected
/// files (then read the diff: the outputs must look canonical to a human).
final class GoldenTests: XCTestCase {
    func testGoldenCases() throws {
        let inputs = Support.caseInputs()
        XCTAssertGreaterThanOrEqual(inputs.count, 15, "golden cases missing in \(Support.casesDirectory.path)")
        for input in inputs {
            let name = input.lastPathComponent
            let bytes = try XCTUnwrap(ModelFiles.bytes(input), name)
            let tree = FormatterProperties.parse(bytes, name)
            XCTAssertFalse(FormatterProperties.hasErrors(tree), "\(name) must parse without errors: \(tree.diagnostics.map(\.message))")
            let result = Formatter.format(tree)
            guard let out = result.bytes else {
                XCTFail("\(name): \(result.outcome) \(result.message ?? "")")
                continue
            }
            let expectedURL = input.deletingPathExtension().appendingPathExtension("formatted.orga")
            GoldenFile.assertMatches(out, expectedURL)
            guard let expected = ModelFiles.bytes(expectedURL) else { continue }
            XCTAssertEqual(result.changed, out != bytes, name)
            FormatterProperties.assertProperties(bytes, name)
            // The expected output is canonical: formatting it changes nothing.
            let fixed = Formatter.format(FormatterProperties.parse(expected, name))
            XCTAssertEqual(fixed.outcome, .formatted, name)
            XCTAssertEqual(fixed.changed, false, "\(expectedURL.lastPathComponent) is not a fixed point")
        }
    }

    /// Every golden input has an expected output and vice versa (no stale files).
    func testNoOrphanedExpectations() {
        let all = ModelFiles.orgaFiles(under: Support.casesDirectory).map(\.lastPathComponent)
        let inputs = Set(all.filter { !$0.hasSuffix(".formatted.orga") })
        for f in all where f.hasSuffix(".formatted.orga") {
            let input = String(f.dropLast(".formatted.orga".count)) + ".orga"
            XCTAssertTrue(inputs.contains(input), "\(f) has no input \(input)")
        }
    }
}
