import Foundation
import OrgaFormat
import OrgaSyntax
import XCTest

/// Tests as data: `cases/NAME.orga` is formatted and compared with
/// `cases/NAME.formatted.orga`. Run with `UPDATE_GOLDEN=1` to rewrite the expected
/// files (then read the diff: the outputs must look canonical to a human).
final class GoldenTests: XCTestCase {
    static let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"

    func testGoldenCases() throws {
        let inputs = Support.caseInputs()
        XCTAssertGreaterThanOrEqual(inputs.count, 15, "golden cases missing in \(Support.casesDirectory.path)")
        for input in inputs {
            let name = input.lastPathComponent
            let bytes = try XCTUnwrap(Support.read(input), name)
            let tree = Support.parse(bytes, name)
            XCTAssertFalse(Support.hasErrors(tree), "\(name) must parse without errors: \(tree.diagnostics.map(\.message))")
            let result = Formatter.format(tree)
            guard let out = result.bytes else {
                XCTFail("\(name): \(result.outcome) \(result.message ?? "")")
                continue
            }
            let expectedURL = input.deletingPathExtension().appendingPathExtension("formatted.orga")
            if GoldenTests.update {
                try Data(out).write(to: expectedURL)
            }
            guard let expected = Support.read(expectedURL) else {
                XCTFail("\(name): missing \(expectedURL.lastPathComponent); run with UPDATE_GOLDEN=1")
                continue
            }
            if out != expected {
                XCTFail("\(name): output differs from \(expectedURL.lastPathComponent) (UPDATE_GOLDEN=1 to refresh)\n--- got ---\n\(Support.text(out))--- expected ---\n\(Support.text(expected))")
            }
            XCTAssertEqual(result.changed, out != bytes, name)
            Support.assertProperties(bytes, name)
            // The expected output is canonical: formatting it changes nothing.
            let fixed = Formatter.format(Support.parse(expected, name))
            XCTAssertEqual(fixed.outcome, .formatted, name)
            XCTAssertEqual(fixed.changed, false, "\(expectedURL.lastPathComponent) is not a fixed point")
        }
    }

    /// Every golden input has an expected output and vice versa (no stale files).
    func testNoOrphanedExpectations() {
        let all = Support.orgaFiles(under: Support.casesDirectory).map(\.lastPathComponent)
        let inputs = Set(all.filter { !$0.hasSuffix(".formatted.orga") })
        for f in all where f.hasSuffix(".formatted.orga") {
            let input = String(f.dropLast(".formatted.orga".count)) + ".orga"
            XCTAssertTrue(inputs.contains(input), "\(f) has no input \(input)")
        }
    }
}
