import Foundation
import XCTest
import OrgaSyntax

/// Golden outputs of `orgc check --format text|json|github|sarif` for a broken
/// multi-file model (`models/broken/`) and for each sample, stored as
/// `golden/<name>.<format>`. Paths in the outputs are relative to the repository root.
/// Refresh with `UPDATE_GOLDEN=1 swift test --filter GoldenTests` and read the diff.
final class GoldenTests: XCTestCase {
    static let models: [(name: String, path: String, exitCode: Int32)] = [
        ("broken", "Tests/OrgcTests/models/broken", 1),
        ("hilden", "Samples/hilden", 0),
        ("buergerbuero", "Samples/buergerbuero", 0),
        ("landesamt", "Samples/landesamt", 0),
    ]
    static let formats = ["text", "json", "github", "sarif"]
    static let goldenDirectory = TestSupport.testsDirectory.appendingPathComponent("golden")
    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    private func assertGolden(_ name: String, _ format: String, _ actual: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.goldenDirectory.appendingPathComponent("\(name).\(format)")
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden file \(url.lastPathComponent): run with UPDATE_GOLDEN=1", file: file, line: line)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = Array(zip(e, a)).firstIndex { $0.0 != $0.1 } ?? min(e.count, a.count)
            XCTFail("""
                \(url.lastPathComponent) differs at line \(first + 1) (UPDATE_GOLDEN=1 to accept):
                  expected: \(first < e.count ? String(e[first]) : "<end>")
                  actual:   \(first < a.count ? String(a[first]) : "<end>")
                """, file: file, line: line)
        }
    }

    func testGoldenOutputs() throws {
        for m in Self.models {
            for format in Self.formats {
                let r = TestSupport.orgc(["check", "--format", format, m.path])
                XCTAssertEqual(r.code, m.exitCode, "\(m.name) \(format): \(r.err)")
                XCTAssertEqual(r.err, "", "\(m.name) \(format)")
                XCTAssertFalse(r.out.contains(TestSupport.repoRoot.path), "\(m.name).\(format): paths must be relative")
                try assertGolden(m.name, format, r.out)
            }
        }
    }

    /// The golden files themselves are well-formed: JSON parses and agrees with the
    /// source bytes, SARIF has the required structure, GitHub lines are annotations.
    func testGoldenFilesAreWellFormed() throws {
        if Self.updating { throw XCTSkip("golden files are being rewritten") }
        for m in Self.models {
            let files = try modelFiles(m.path)
            let jsonText = try String(contentsOf: Self.goldenDirectory.appendingPathComponent("\(m.name).json"), encoding: .utf8)
            let diags = try TestSupport.validateJSONDiagnostics(jsonText, files: files)
            let sarifText = try String(contentsOf: Self.goldenDirectory.appendingPathComponent("\(m.name).sarif"), encoding: .utf8)
            try TestSupport.validateSARIF(sarifText)
            let sarif = try XCTUnwrap(try TestSupport.json(sarifText) as? [String: Any])
            let results = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
            XCTAssertEqual(results.count, diags.count, m.name)
            XCTAssertEqual(results.compactMap { $0["ruleId"] as? String }, diags.compactMap { $0["code"] as? String }, m.name)
            let github = try String(contentsOf: Self.goldenDirectory.appendingPathComponent("\(m.name).github"), encoding: .utf8)
            let lines = github.split(separator: "\n")
            XCTAssertEqual(lines.count, diags.count, m.name)
            for l in lines {
                XCTAssertNotNil(l.range(of: #"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=orgc [EW]\d{3}::"#,
                                        options: .regularExpression), String(l))
            }
        }
    }

    func testBrokenModelFindsWhatItShould() throws {
        let r = TestSupport.orgc(["check", "--format", "json", "Tests/OrgcTests/models/broken"])
        let diags = try TestSupport.validateJSONDiagnostics(r.out, files: try modelFiles("Tests/OrgcTests/models/broken"))
        let codes = diags.compactMap { $0["code"] as? String }
        XCTAssertEqual(codes, ["W511", "E503", "W507", "W508", "W509", "E111", "E303", "E301", "E202", "E401", "E501"])
        // Files in sorted order, positions ascending within a file.
        let files = diags.compactMap { $0["file"] as? String }
        XCTAssertEqual(files, files.sorted())
        // Columns count characters: `ü` and `📋` are one column each.
        let e202 = try XCTUnwrap(diags.first { $0["code"] as? String == "E202" })
        XCTAssertEqual(e202["line"] as? Int, 6)
        XCTAssertEqual(e202["column"] as? Int, 63)
        // Quick fixes come with their edits.
        let e301 = try XCTUnwrap(diags.first { $0["code"] as? String == "E301" })
        let fix = try XCTUnwrap((e301["fixes"] as? [[String: Any]])?.first)
        XCTAssertEqual(fix["title"] as? String, "Change to `Sachbearbeitung`")
        let edit = try XCTUnwrap((fix["edits"] as? [[String: Any]])?.first)
        XCTAssertEqual(edit["new_text"] as? String, "Sachbearbeitung")
        XCTAssertEqual(edit["offset"] as? Int, e301["offset"] as? Int)
    }

    private func modelFiles(_ path: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        let root = TestSupport.repoRoot.appendingPathComponent(path)
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let rel = enumerator?.nextObject() as? String {
            if rel.hasSuffix(".orga") {
                result[path + "/" + rel] = [UInt8](try Data(contentsOf: root.appendingPathComponent(rel)))
            }
        }
        return result
    }
}
