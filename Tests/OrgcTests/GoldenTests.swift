import Foundation
import OrgaTestSupport
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
        ("sachgebiet", "Samples/sachgebiet", 0),
    ]
    static let formats = ["text", "json", "github", "sarif"]
    static let goldenDirectory = TestPaths.tests("OrgcTests").appendingPathComponent("golden")
    func testGoldenOutputs() throws {
        for m in Self.models {
            for format in Self.formats {
                let r = OrgcCommand.run(["check", "--format", format, m.path])   // text: German (the default)
                XCTAssertEqual(r.code, m.exitCode, "\(m.name) \(format): \(r.err)")
                XCTAssertEqual(r.err, "", "\(m.name) \(format)")
                XCTAssertFalse(r.out.contains(TestPaths.repositoryRoot.path), "\(m.name).\(format): paths must be relative")
                GoldenFile.assertMatches(r.out, Self.goldenDirectory.appendingPathComponent("\(m.name).\(format)"))
            }
            let en = OrgcCommand.run(["check", "--lang", "en", m.path])
            GoldenFile.assertMatches(en.out, Self.goldenDirectory.appendingPathComponent("\(m.name).en.text"))
        }
    }

    /// The golden files themselves are well-formed: JSON parses and agrees with the
    /// source bytes, SARIF has the required structure, GitHub lines are annotations.
    func testGoldenFilesAreWellFormed() throws {
        if GoldenFile.isUpdating { throw XCTSkip("golden files are being rewritten") }
        for m in Self.models {
            let files = try ModelFiles.bytesByRelativePath(m.path)
            let jsonText = try String(contentsOf: Self.goldenDirectory.appendingPathComponent("\(m.name).json"), encoding: .utf8)
            let diags = try CheckOutput.validateJSONDiagnostics(jsonText, files: files)
            let sarifText = try String(contentsOf: Self.goldenDirectory.appendingPathComponent("\(m.name).sarif"), encoding: .utf8)
            try CheckOutput.validateSARIF(sarifText)
            let sarif = try XCTUnwrap(try CheckOutput.json(sarifText) as? [String: Any])
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
        let r = OrgcCommand.run(["check", "--format", "json", "Tests/OrgcTests/models/broken"])
        let diags = try CheckOutput.validateJSONDiagnostics(r.out, files: try ModelFiles.bytesByRelativePath("Tests/OrgcTests/models/broken"))
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
}
